/**
 * Personal information that must never reach the log or a model (Law 25). Patterns are
 * deliberately broad: a false positive costs a word of the question, a miss costs a
 * voter's privacy. Order matters: specific identifiers before generic numbers.
 */
const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: "EMAIL", re: /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}\b/giu },
  // Québec health-insurance number (RAMQ): 4 letters, 8 digits.
  { kind: "HEALTH_CARD", re: /\b[A-Z]{4}[\s-]?\d{4}[\s-]?\d{4}\b/giu },
  // Québec driver's licence: a letter and 12 digits.
  { kind: "DRIVER_LICENCE", re: /\b[A-Z][\s-]?\d{4}[\s-]?\d{6}[\s-]?\d{2}\b/giu },
  { kind: "SIN", re: /\b\d{3}[\s-]?\d{3}[\s-]?\d{3}\b(?![\s-]?\d)/gu },
  { kind: "PHONE", re: /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/gu },
  { kind: "POSTAL_CODE", re: /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b/giu },
  {
    kind: "DATE_OF_BIRTH",
    re: /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:19|20)\d{2}|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},?\s+(?:19|20)\d{2})\b/giu,
  },
  {
    kind: "ADDRESS",
    re: /\b\d{1,6}(?:[-,]\s?\d{1,5})?,?\s+(?:(?:rue|avenue|av\.?|boulevard|boul\.?|chemin|ch\.?|route|rang|place|montée|cote|côte|terrasse|allée|impasse|croissant)\s+[\p{L}'’. -]{2,40}?|[\p{L}'’. -]{2,40}?\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|dr\.?|lane|crescent|court|way))(?=[\s,.;!?]|$)/giu,
  },
];

/** Names only count as personal information when introduced ("je m'appelle X", "my name is X"). */
const NAME_RE = /\b(je m'appelle|mon nom est|my name is|i am called|i'm called|moi c'est|name:|nom\s?:)\s+([\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){0,3})/giu;

export interface Redaction {
  text: string;
  kinds: string[];
}

export function redactPii(input: string): Redaction {
  const kinds = new Set<string>();
  let text = input.replace(NAME_RE, (_m, intro: string) => {
    kinds.add("NAME");
    return `${intro} [NAME]`;
  });
  for (const { kind, re } of PATTERNS) {
    text = text.replace(re, () => {
      kinds.add(kind);
      return `[${kind}]`;
    });
  }
  return { text, kinds: [...kinds] };
}
