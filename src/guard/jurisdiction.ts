import { COUNTRIES, FOREIGN_ADJECTIVES, PROVINCES } from "./lexicon.js";

/**
 * Whether a question is *about* voting somewhere other than Québec's provincial (or
 * municipal/school) elections, as opposed to mentioning elsewhere as context: "I moved
 * from Ontario, can I vote here?", "I live in France, can I vote by mail?", "is it like
 * federal elections?" are Québec questions. A place counts only when it owns the election
 * the question asks about.
 */
export interface JurisdictionVerdict {
  kind: "federal" | "other_jurisdiction" | null;
  detail?: string;
}

const alt = (xs: readonly string[]) => xs.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[- ]/g, "[- ]")).join("|");
const PLACE = `(?:${alt([...PROVINCES, ...COUNTRIES])})`;
const ELECTION_NOUN = "(?:elections?|electoral|scrutin|vote|votes|voter|voting|ballots?|bulletins?|polls?|premiers?|premier ministre|mpps?|mlas?|deputes?|riding|circonscriptions?|candidat\\w*|gouverneur|governor|president\\w*|parlement|parliament|legislature)";

/** "vote in Ontario", "élections en France", "voter aux États-Unis", "the election of Alberta". */
const ELECTION_IN_PLACE = new RegExp(`\\b${ELECTION_NOUN}\\b(?:(?:\\s+\\w+){0,2}?\\s+(?:in|en|au|aux|dans)|\\s+(?:of|de|du|d'|for|pour))\\s*(?:the\\s+|l'|la\\s+|le\\s+|les\\s+)?${PLACE}\\b`);
/** "Ontario election", "Ontario's premier", "France's presidential vote". */
const PLACE_ELECTION = new RegExp(`\\b${PLACE}(?:'s)?\\s+(?:provincial\\s+|general\\s+|municipal\\s+|presidential\\s+|federal\\s+)?${ELECTION_NOUN}\\b`);
/** "l'élection ontarienne", "the American election", "la présidentielle". */
const ADJ_ELECTION = new RegExp(`\\b(?:${ELECTION_NOUN}\\s+(?:${alt(FOREIGN_ADJECTIVES)})|(?:${alt(FOREIGN_ADJECTIVES)})\\s+${ELECTION_NOUN})\\b|\\b(?:la |les )?presidentielles?\\b|\\bpresidential\\b|\\bmidterms?\\b|\\b(?:trump|biden|harris|macron|le pen|congress|senat americain|us senate)\\b`);

/** The election the question is about is federal. */
const FEDERAL_ELECTION = /\b(?:federal|federale|federaux|federales)\s+(?:election|elections|vote|riding|circonscription|candidat\w*|deputy|depute\w*|ballot|bulletin|poll\w*|campaign|campagne|party|parti)s?\b|\b(?:election|elections|scrutin|vote|voter|voting|riding|circonscription|candidat\w*|depute\w*|campagne|campaign)s?\s+(?:\w+\s+){0,2}(?:federal|federale|federaux|federales|canadienne?s?|du canada|au canada)\b|\b(?:elections canada|election canada|house of commons|chambre des communes|parlement canadien|parliament of canada|canadian parliament|prime minister|premier ministre du canada|my mp|mon depute federal|mp for|poilievre|carney|trudeau|jagmeet|singh|bloc quebecois|ndp|npd|conservative party of canada|parti conservateur du canada|liberal party of canada|parti liberal du canada)\b|^\s*(?:au |the )?federal\s*\??$/;

/** Comparison or contrast: the other jurisdiction is a reference point, not the subject. */
const COMPARISON = /\b(?:comme|like|same as|pareil|meme chose|similar|similaire|different|difference|differ\w*|compare\w*|contrairement|unlike|versus|vs|plutot que|instead of|rather than|as in|as for|as at|qu'au|que pour|than)\b/;

/** Québec's own elections are named: the other place is context. */
const QUEBEC_ANCHOR = /\b(?:provincial|provinciale|provinciales|provinciaux|elections quebec|electionsquebec|dgeq|dge|assemblee nationale|national assembly|quebec (?:election|elections|vote|riding|ballot)s?|(?:election|elections|scrutin|vote|voter|voting|elire)\s+(?:\w+\s+){0,2}(?:au|du|in|of|for|de)\s+(?:the\s+)?quebec|quebecoise?s?|mna|municipal\w*|scolaire\w*|school board)\b/;

export function judgeJurisdiction(f: string): JurisdictionVerdict {
  const fed = FEDERAL_ELECTION.exec(f);
  if (fed && !COMPARISON.test(f) && !QUEBEC_ANCHOR.test(f)) return { kind: "federal", detail: fed[0] };
  const other = ELECTION_IN_PLACE.exec(f) ?? PLACE_ELECTION.exec(f) ?? ADJ_ELECTION.exec(f);
  if (other && !COMPARISON.test(f)) {
    // "vote in Québec from France" is a Québec question; "vote in France" is not.
    const aboutQuebecToo = QUEBEC_ANCHOR.test(f) && /\b(?:from|depuis|de l'etranger|a l'etranger|abroad|par la poste|by mail)\b/.test(f);
    if (!aboutQuebecToo) return { kind: "other_jurisdiction", detail: other[0] };
  }
  return { kind: null };
}
