/**
 * Text helpers of the eval suite. Written independently of src/compose (verify.ts,
 * entities.ts): a bug in the product's verifier must not pass the suite as well.
 */
import tlds from "tlds" with { type: "json" };

export const fold = (s: string): string => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

/** Whitespace- and Unicode-normalised form used for verbatim comparisons. */
export const normaliseSpace = (s: string): string => s.normalize("NFC").replace(/[\s\u00a0\u202f]+/g, " ").trim();

/** Every citation marker number in a text, in order. */
export function markers(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/**
 * The answer body: the text before the footer. The sealer ends every text with a blank line
 * then the footer (notices, official line, label), so the last blank-line-separated block is
 * the footer.
 */
export function splitFooter(text: string): { body: string; footer: string } {
  const i = text.lastIndexOf("\n\n");
  return i < 0 ? { body: "", footer: text } : { body: text.slice(0, i), footer: text.slice(i + 2) };
}

/** Runs of body text, each with the markers that close it; trailing text has none. */
export function claims(body: string): { text: string; marks: number[] }[] {
  const out: { text: string; marks: number[] }[] = [];
  let last = 0;
  for (const m of body.matchAll(/([\s\S]*?)((?:\s*\[\d+\])+)/g)) {
    out.push({ text: m[1]!.trim(), marks: markers(m[2]!) });
    last = m.index + m[0].length;
  }
  const tail = body.slice(last).trim();
  if (tail) out.push({ text: tail, marks: [] });
  // A run of punctuation after a marker (". [1]") carries no claim.
  return out.filter((c) => /[\p{L}\p{N}]/u.test(c.text));
}

const STOP = new Set(
  (
    "les des une pour que qui quoi dans sur par avec sans est sont pas plus vous votre vos nous leur leurs aux ces cette son ses elle ils elles " +
    "etre avoir peut peuvent doit doivent aussi tout tous toute toutes comme mais donc car ont fait faire entre lors dont ainsi " +
    "the and for are with that this from you your can may must not have has will was were they their them any all its into only also " +
    "which when what where who how been being other than then such there these those more most each per"
  ).split(" "),
);

/** Content tokens: folded words of 3+ letters minus function words, cut to a 6-letter prefix (a crude stem). */
export function contentTokens(s: string): string[] {
  const words = fold(s).replace(/[’']/g, " ").match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOP.has(w)).map((w) => (/^\d+$/.test(w) ? w : w.slice(0, 6)));
}

/** Share of the claim's content tokens found in the passages (1 when the claim has none). */
export function lexicalSupport(claim: string, passages: readonly string[]): number {
  const tokens = contentTokens(claim);
  if (tokens.length === 0) return 1;
  const known = new Set(passages.flatMap(contentTokens));
  return tokens.filter((t) => known.has(t)).length / tokens.length;
}

export type EntityKind = "url" | "email" | "phone" | "number" | "date-word";

export interface Entity {
  kind: EntityKind;
  raw: string;
  key: string;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()"'\]]*[^\s<>()"'\].,;:!?]/giu;
// A bare domain with a real (IANA) top-level domain in lower case: "vote-quebec.com/inscription".
const TLDS = new Set(tlds.filter((t) => /^[a-z]+$/.test(t)));
const BARE_RE = /(?<![\p{L}\p{N}_.@/-])(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+([a-z]{2,})(?![\p{L}\p{N}_-])(?:\/[^\s<>()"'\]]*[^\s<>()"'\].,;:!?])?/gu;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
// North-American numbers, with or without the leading 1, and vanity forms (1-888-ÉLECTION).
const PHONE_RE = /(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\b1[\s.-]?8\d\d[\s.-]?\p{Lu}{4,}/gu;
const NUMBER_RE = /\d+(?:[.,:h\s\u00a0\u202f]\d+)*/gu;
const DATE_WORDS = (
  "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre " +
  "january february march april june july august september october november december " +
  "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday"
).split(" ");
const DATE_WORD_RE = new RegExp(`(?<![\\p{L}])(${DATE_WORDS.join("|")})(?![\\p{L}])`, "gu");

const urlKey = (u: string) => fold(u).replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/+$/, "");

/** URLs, e-mail addresses, phone numbers, figures (dates, times, amounts) and month/day names. */
export function entities(text: string): Entity[] {
  const out: Entity[] = [];
  let rest = text.replace(/\[\d+\]/g, " ");
  const take = (re: RegExp, kind: EntityKind, key: (raw: string) => string) => {
    for (const m of rest.matchAll(re)) out.push({ kind, raw: m[0], key: key(m[0]) });
    rest = rest.replace(re, " ");
  };
  take(URL_RE, "url", urlKey);
  for (const m of rest.matchAll(BARE_RE)) if (TLDS.has(m[1]!)) out.push({ kind: "url", raw: m[0], key: urlKey(m[0]) });
  rest = rest.replace(BARE_RE, (raw, tld: string) => (TLDS.has(tld) ? " " : raw));
  take(EMAIL_RE, "email", fold);
  take(PHONE_RE, "phone", (raw) => {
    const digits = raw.replace(/\D/g, "");
    return digits.length >= 10 ? digits.slice(-10) : fold(raw).replace(/[^a-z0-9]/g, "");
  });
  take(NUMBER_RE, "number", (raw) => raw.replace(/\D/g, "").replace(/^0+(?=\d)/, ""));
  for (const m of fold(rest).matchAll(DATE_WORD_RE)) out.push({ kind: "date-word", raw: m[0], key: m[0] });
  return out;
}

/** Entities of the claim that none of the sources contains. */
export function unsupported(claim: string, sources: readonly string[]): Entity[] {
  const known = new Set(sources.flatMap((s) => entities(s).map((e) => `${e.kind}:${e.key}`)));
  return entities(claim).filter((e) => !known.has(`${e.kind}:${e.key}`));
}
