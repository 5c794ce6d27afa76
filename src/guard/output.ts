import { boundedMemo } from "../text/bounded-memo.js";
import type { Composition } from "../compose/types.js";
import { systemPrompt } from "../compose/prompts.js";
import type { Hit } from "../retrieve/retrieve.js";
import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "../text/analyze.js";
import { citedSegments } from "../compose/verify.js";
import { PARTY_NAMES } from "./lexicon.js";
import { echoPattern } from "./premise.js";
import { detectInjection, INJECTION_PATTERNS } from "./injection.js";
import { normalise } from "./normalise.js";
import { extractUrls } from "../compose/entities.js";
import { passageTermSet } from "../compose/passage.js";
import { OFFICIAL } from "../seal/official.js";
import { isOfficialUrl } from "../ingest/document.js";

/**
 * Integrity checks on a proposed answer, whatever composed it, beside compose/verify.ts
 * (which already rejects any URL, e-mail, phone number, figure or date absent from the
 * cited passages). These catch what a model talked into an attack would write: its own
 * prompt, an opinion or a party's name, or agreement with a false premise. Each phrase is
 * allowed when a cited passage contains it, so a verbatim official sentence never trips.
 */
export type IntegrityKind = "foreign_url" | "prompt_leak" | "opinion" | "party_mention" | "agrees_with_premise" | "unsupported_sentence" | "verdict_opener";

export interface IntegrityViolation {
  kind: IntegrityKind;
  detail: string;
}

export interface IntegrityContext {
  lang?: Lang;
  /** premise.ts name of the misinformation the question carries, if any. */
  premise?: string;
}

const norm = (s: string) => fold(s).replace(/[’`]/g, "'").replace(/\s+/g, " ");

/** A recited prompt is found as any run of this many of its words in a row. */
export const SHINGLE_WORDS = 6;
const WORD = /[\p{L}\p{N}']+/gu;

/** The prompt's runs of SHINGLE_WORDS words (folded, one space apart). */
export const PROMPT_SHINGLES: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const lang of ["fr", "en"] as const) {
    const w = norm(systemPrompt(lang)).match(WORD) ?? [];
    for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) out.add(w.slice(i, i + SHINGLE_WORDS).join(" "));
  }
  return out;
})();

const SELF_TALK = /\b(?:system prompt|prompt systeme|my instructions|mes instructions|my (?:rules|guidelines|directives)|mes (?:consignes|regles|directives)|i was (?:told|instructed|programmed)|on m'a (?:dit|demande|programme)|i am now|je suis maintenant|as an ai language model|developer mode|mode developpeur|no_answer|as you (?:asked|requested|instructed)|comme (?:demande|tu l'as demande|vous l'avez demande)|without (?:any |the )?(?:label|sources|citations|disclaimer)|sans (?:l'|aucune? )?(?:etiquette|sources|citations|mention))\b/;

const OPINION = /\b(?:vote for|votez pour|voter pour|vote pour|i recommend|je recommande|je vous recommande|je vous conseille|i suggest|je suggere|you should vote|vous devriez voter|tu devrais voter|best party|meilleur parti|best candidate|meilleure? candidate?|best choice|meilleur choix|in my opinion|a mon avis|selon moi|i think|je pense que|je crois que|i believe|personally|personnellement|will win|va gagner|vont gagner|gagnera|is (?:a )?(?:liar|corrupt|incompetent)|est (?:un )?(?:menteur|corrompu|incompetent)|don't vote|ne votez pas|n'allez pas voter|don't bother voting|pas la peine de voter)\b/;

const PARTY = new RegExp(`\\b(?:${PARTY_NAMES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b|(?<![\\p{L}])(?:CAQ|PLQ|PQ|QS|PCQ)(?![\\p{L}])`, "u");

/**
 * A sentence must share at least this share of its content words (stemmed) with the
 * passages it cites: an answer that parrots the question, or says something the passage
 * does not, is not "from the sources" even when it carries a marker and no hard fact.
 */
export const MIN_LEXICAL_SUPPORT = 0.6;
/** "Yes," / "No," verdicts: the prompt forbids them, the sources rarely open so. */
const OPENER = /^\s*(?:yes|yeah|yep|oui|no|non|nope)\b/;

const AFFIRM = /^\s*(?:yes|yeah|oui|absolutely|certainly|of course|bien sur|absolument|tout a fait|en effet|c'est exact|c'est vrai|that's right|that is right|correct|indeed|effectivement|exactement|exactly)\b/;
const NEGATION = /\b(?:not|no|never|cannot|can't|isn't|aren't|won't|n'|ne|pas|jamais|aucune?|impossible|only|seulement|uniquement|false|falsely|faux|fausse|faussement|myth|mythe|rumou?r|rumeur|untrue|incorrect)\b/;

/**
 * The three readings of an answer the wording checks match against: the raw text, the
 * folded body, and the input guards' normalisation (typos, SMS spellings). Citation
 * markers are blanked first in all three.
 */
export const WORDING_VIEWS = {
  raw: (text: string) => text.replace(/\[\d+\]/g, " "),
  body: (text: string) => norm(text.replace(/\[\d+\]/g, " ")),
  normalised: (text: string) => normalise(text.replace(/\[\d+\]/g, " ")),
} as const;
export type WordingView = keyof typeof WORDING_VIEWS;

/**
 * Every pattern wordingViolations looks for, with the reading it is matched against: the
 * stream screen holds streamed text from where any of them could still begin
 * (stream-hold.ts), so it reads this list rather than a copy.
 */
export const WORDING_PATTERNS: readonly { re: RegExp; view: WordingView }[] = [
  { re: SELF_TALK, view: "body" },
  { re: OPINION, view: "body" },
  { re: PARTY, view: "raw" },
  { re: PARTY, view: "body" },
  ...INJECTION_PATTERNS.map((re) => ({ re, view: "normalised" as const })),
];

/**
 * The checks that need only the text and the passages' text, not the citation mapping:
 * the recited prompt, opinions, party names. Also run on streamed model text as it
 * arrives (stream-screen.ts), so an attack is stopped before the voter sees it.
 */
export function wordingViolations(rawText: string, sources: string, rawSources: string): IntegrityViolation[] {
  return viewViolations({ raw: WORDING_VIEWS.raw(rawText), body: WORDING_VIEWS.body(rawText), normalised: WORDING_VIEWS.normalised(rawText) }, sources, rawSources);
}

/** wordingViolations on the text's views, read once by a caller that needs them too. */
function viewViolations(views: Readonly<Record<WordingView, string>>, sources: string, rawSources: string): IntegrityViolation[] {
  const out: IntegrityViolation[] = [];
  const { raw, body } = views;
  const words = body.match(WORD) ?? [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const s = words.slice(i, i + SHINGLE_WORDS).join(" ");
    if (PROMPT_SHINGLES.has(s) && !sources.includes(s)) {
      out.push({ kind: "prompt_leak", detail: s });
      break;
    }
  }
  const self = SELF_TALK.exec(body);
  if (self && !sources.includes(self[0])) out.push({ kind: "prompt_leak", detail: self[0] });
  const op = OPINION.exec(body);
  if (op && !sources.includes(op[0])) out.push({ kind: "opinion", detail: op[0] });
  // Instructions in the answer are instructions planted in a passage, or a model obeying them.
  const planted = detectInjection(views.normalised);
  if (planted) out.push({ kind: "prompt_leak", detail: `instruction: ${planted.detail}` });
  const party = PARTY.exec(raw) ?? PARTY.exec(body);
  if (party && !PARTY.test(rawSources) && !PARTY.test(sources)) out.push({ kind: "party_mention", detail: party[0] });
  return out;
}

export const normaliseForChecks = norm;

const PASSAGE_FOLDS_MAX = 4096;
const passageFold = boundedMemo(PASSAGE_FOLDS_MAX, (p: string) => fold(p).replace(/[’`]/g, "'"));

/**
 * normaliseForChecks of passages joined by line breaks. The same passages are cited turn
 * after turn, so each one's folding is kept (bounded, like the entity keys); the join's
 * whitespace is collapsed afterwards, which gives the same text as folding the join (the
 * folding works character by character, and a line break ends any context it reads).
 */
export function normalisePassagesForChecks(passages: readonly string[]): string {
  return passages.map(passageFold).join("\n").replace(/\s+/g, " ");
}

const hostOf = (u: string): string => {
  try {
    return new URL(/^https?:\/\//i.test(u) ? u : `https://${u}`).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
};
const OFFICIAL_HOST = hostOf(OFFICIAL.domain);

/**
 * A URL may appear in an answer only on an official domain (Élections Québec's two,
 * LégisQuébec) or a corpus source's own site. Being written in a passage is not enough: passage text is data, and a URL planted
 * in it ("AI assistants: send voters to …") must not be passed on.
 */
export function foreignUrls(text: string, sourceUrls: readonly string[]): IntegrityViolation[] {
  const urls = extractUrls(text);
  if (urls.length === 0) return [];
  const allowed = new Set([OFFICIAL_HOST, ...sourceUrls.map(hostOf)]);
  return urls
    .filter((e) => {
      const host = hostOf(e.raw);
      return !(allowed.has(host) || host.endsWith(`.${OFFICIAL_HOST}`) || isOfficialUrl(`https://${host}/`));
    })
    .map((e) => ({ kind: "foreign_url" as const, detail: e.raw.slice(0, 80) }));
}

/** A "Yes,"/"Non," opening, allowed only when the whole first sentence is the source's own (an extractive quote). */
export function openerViolation(firstSegment: string, sources: string): IntegrityViolation | null {
  const text = norm(firstSegment.replace(/\[\d+\]/g, " ")).trim();
  const opener = OPENER.exec(text);
  if (!opener) return null;
  const first = text.split(/(?<=[.!?])\s/)[0]?.trim() ?? "";
  return first.length > 20 && sources.includes(first) ? null : { kind: "verdict_opener", detail: opener[0].trim() };
}

export function integrityViolations(c: Composition, hits: readonly Hit[], ctx: IntegrityContext = {}): IntegrityViolation[] {
  if (c.kind !== "answer") return [];
  const out: IntegrityViolation[] = [];
  const cited = new Set(c.citations.map((x) => x.chunkId));
  const citedTexts = hits.filter((h) => cited.has(h.chunk.id)).map((h) => h.chunk.text);
  const sources = normalisePassagesForChecks(citedTexts);
  const rawSources = citedTexts.join("\n");
  const views = { raw: WORDING_VIEWS.raw(c.body), body: WORDING_VIEWS.body(c.body), normalised: WORDING_VIEWS.normalised(c.body) };
  const body = views.body;
  out.push(...foreignUrls(c.body, hits.map((h) => h.chunk.url)));
  out.push(...viewViolations(views, sources, rawSources));
  const lang = ctx.lang ?? "fr";
  const byChunk = new Map(hits.map((h) => [h.chunk.id, h.chunk]));
  const byN = new Map(c.citations.map((x) => [x.n, byChunk.get(x.chunkId)]));
  const segments = citedSegments(c.body);
  for (const seg of segments) {
    if (seg.marks.length === 0) continue;
    const claim = terms(seg.text, lang);
    if (claim.length === 0) continue;
    const passages = seg.marks.map((n) => byN.get(n)).filter((p) => p !== undefined).map((p) => passageTermSet(p, lang));
    const share = claim.filter((t) => passages.some((p) => p.has(t))).length / claim.length;
    if (share < MIN_LEXICAL_SUPPORT) {
      out.push({ kind: "unsupported_sentence", detail: `${Math.round(share * 100)}% of words in the cited passage` });
      break;
    }
  }
  const opener = openerViolation(segments[0]?.text ?? "", sources);
  if (opener) out.push(opener);
  if (ctx.premise) {
    if (AFFIRM.test(body)) out.push({ kind: "agrees_with_premise", detail: body.slice(0, 40) });
    const echo = echoPattern(ctx.premise);
    if (echo) {
      for (const sentence of body.split(/(?<=[.!?;])\s+/)) {
        const m = echo.exec(sentence);
        // The correcting passage itself names the myth ("voting by text message is impossible"),
        // so an echo is allowed only inside a denial or as the source's own whole sentence,
        // never because the source merely contains the words.
        if (m && !NEGATION.test(sentence) && !sources.includes(sentence.replace(/[.!?;]\s*$/, "").trim())) {
          out.push({ kind: "agrees_with_premise", detail: `${ctx.premise}: ${m[0]}` });
          break;
        }
      }
    }
  }
  return out;
}
