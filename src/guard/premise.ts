import { fold } from "../text/analyze.js";
/**
 * Questions built on a common piece of election misinformation. They stay in scope (the
 * sources answer them), but the answer must correct the premise, not play along: the
 * returned terms are what an answer may not affirm unless a cited passage says it too.
 */
const PREMISES: { name: string; re: RegExp }[] = [
  {
    name: "remote_voting",
    re: /\bvot\w*(?:\s+[\w']+){0,4}?\s+(?:by |par |via |through |en |sur |on |over |with |avec |au |using |from )?(?:text messages?|texto|sms|online|on line|en ligne|internet|the web|le web|e-?mail|courriel|phone|telephone|cell|cellulaire|app|application|facebook|whatsapp|twitter|instagram|tiktok)\b|\b(?:online|internet|electronic|sms|text|e-?mail|mobile|telephone|phone)\s+vot\w*|\bvote\s+(?:electronique|en ligne|par internet|par texto|par courriel|par telephone)\b|\bvot\w*(?:\s+[\w']+){0,3}?\s+(?:by|via|par) text\b/,
  },
  {
    name: "moved_date",
    re: /\b(?:election|elections|scrutin|polling day|voting day|election day|jour du (?:scrutin|vote)|vote)\b.{0,50}\b(?:moved|postponed|delayed|changed|cancel\w*|reporte\w*|deplace\w*|change\w*|annule\w*|repousse\w*|decale\w*)\b|\b(?:moved|postponed|reporte\w*|deplace\w*|repousse\w*)\b.{0,40}\b(?:mardi|mercredi|jeudi|vendredi|samedi|tuesday|wednesday|thursday|friday|saturday|to \w+day|au \w+di)\b|\b(?:election|scrutin|polling day|voting day|election day|jour du (?:scrutin|vote))\b.{0,25}\b(?:mardi|mercredi|jeudi|vendredi|samedi|tuesday|wednesday|thursday|friday|saturday)\b/,
  },
  {
    name: "vote_twice",
    re: /\b(?:vote|voter)\b.{0,20}\b(?:twice|two times|deux fois|plusieurs fois|more than once|several times|a la place de|for my (?:wife|husband|spouse|son|daughter|mother|father|friend)|pour (?:ma|mon) (?:femme|mari|conjointe?|fils|fille|mere|pere|ami\w*))\b/,
  },
  {
    name: "no_id_needed",
    re: /\b(?:no longer|plus besoin|pas besoin|don't need|do not need|n'est plus)\b.{0,30}\b(?:id|identification|piece d'identite|pieces d'identite|carte|card|preuve)\b/,
  },
  {
    name: "noncitizen_can_vote",
    re: /\b(?:permanent residents?|residents? permanents?|non-?citizens?|non-?citoyens?|refugies?|refugees?|touristes?|tourists?)\b.{0,30}\b(?:can now|peuvent maintenant|are now allowed|ont maintenant le droit|now vote|votent maintenant)\b/,
  },
];

/** Words an answer must not echo unless it denies them or a cited passage contains them. */
const ECHO: Record<string, RegExp> = {
  remote_voting: /\bvot\w*(?:\s+[\w']+){0,4}?\s+(?:by |par |via |through |en |sur |on |over |with |avec |au |using |from )?(?:text messages?|texto|sms|online|on line|en ligne|internet|the web|le web|e-?mail|courriel|phone|telephone|app|application|facebook|whatsapp)\b|\b(?:online|internet|electronic|sms|text|e-?mail|phone)\s+vot\w*/,
  moved_date: /\b(?:moved|postponed|reporte\w*|deplace\w*|repousse\w*|mardi|mercredi|jeudi|vendredi|samedi|tuesday|wednesday|thursday|friday|saturday)\b/,
  vote_twice: /\b(?:twice|deux fois|plusieurs fois|more than once|several times|on (?:his|her) behalf|a (?:sa|leur) place)\b/,
  no_id_needed: /\b(?:no longer|plus besoin|pas besoin|don't need|do not need|n'est plus)\b/,
  noncitizen_can_vote: /\b(?:permanent residents?|residents? permanents?|non-?citizens?|refugees?|refugies?)\b.{0,30}\b(?:can|peuvent|may|allowed)\b/,
};

export interface Premise {
  name: string;
  detail: string;
  /** The matched words, as they appear in the normalised question. */
  span: string;
}

export function detectPremise(f: string): Premise | null {
  for (const p of PREMISES) {
    const m = p.re.exec(f);
    if (m) return { name: p.name, detail: m[0].slice(0, 80), span: m[0] };
  }
  return null;
}

export function echoPattern(premise: string): RegExp | undefined {
  return ECHO[premise];
}

/**
 * What the sources call the thing the misinformation distorts, added to the retrieval
 * query so the passage that corrects the premise is found (the question's own words point
 * at the myth, not at the rule).
 */
const HINTS: Record<string, Record<"fr" | "en", string> & { drop?: RegExp }> = {
  remote_voting: { fr: "façons de voter bulletin papier en personne par la poste", en: "ways to vote paper ballot in person by mail" },
  moved_date: { fr: "jour du scrutin vote reporté faussement élection comme prévu premier lundi d'octobre", en: "polling day vote falsely postponed election going ahead as planned first Monday of October", drop: /\b(?:moved?|changed?|change\w*|deplace\w*|mardi|mercredi|jeudi|vendredi|samedi|tuesday|wednesday|thursday|friday|saturday)\b/g },
  vote_twice: { fr: "voter une seule fois une personne un vote", en: "vote only once one person one vote" },
  no_id_needed: { fr: "pièces d'identité acceptées au bureau de vote", en: "identification accepted at the polling station" },
  noncitizen_can_vote: { fr: "qui peut voter citoyenneté canadienne", en: "who can vote Canadian citizenship" },
};

/**
 * The retrieval query for a question built on misinformation: the words of the rule it
 * distorts are added, and the myth's words that point at passages about something else
 * ("moved" at changing one's address, "Tuesday" at the revision calendar) are dropped.
 */
export function premiseQuery(query: string, premise: Premise, lang: "fr" | "en"): string {
  const folded = fold(query).replace(/[’‘`´]/g, "'");
  const hint = HINTS[premise.name];
  const without = hint?.drop ? folded.replace(hint.drop, " ") : folded;
  return `${without} ${hint?.[lang] ?? ""}`.replace(/\s+/g, " ").trim();
}
