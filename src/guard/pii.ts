/**
 * Personal information that must never reach the log or a model (Law 25). Patterns are
 * deliberately broad: a false positive costs a word of the question, a miss costs a
 * voter's privacy. Order matters: specific identifiers before generic numbers.
 */
const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: "EMAIL", re: /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}\b/giu },
  // Spelled-out addresses: "jane (at) gmail (dot) com", "jane at videotron dot ca".
  { kind: "EMAIL", re: /\b[\p{L}\p{N}._%+-]+\s*(?:\(at\)|\[at\]|\sat\s|\sarobase\s)\s*[\p{L}\p{N}-]+\s*(?:\(dot\)|\[dot\]|\sdot\s|\spoint\s)\s*(?:com|ca|net|org|fr|qc\.ca|info)\b/giu },
  // Québec health-insurance number (RAMQ): 4 letters, 8 digits.
  { kind: "HEALTH_CARD", re: /\b[A-Z]{4}[\s-]?\d{4}[\s-]?\d{4}\b/giu },
  // Québec driver's licence: a letter and 12 digits.
  { kind: "DRIVER_LICENCE", re: /\b[A-Z][\s-]?\d{4}[\s-]?\d{6}[\s-]?\d{2}\b/giu },
  { kind: "SIN", re: /\b\d{3}[\s-]?\d{3}[\s-]?\d{3}\b(?![\s-]?\d)/gu },
  // International numbers ("+33 6 12 34 56 78") before the North American pattern.
  { kind: "PHONE", re: /\+\d{1,3}(?:[\s.-]?\d{1,4}){3,6}\b/gu },
  { kind: "PHONE", re: /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/gu },
  { kind: "POSTAL_CODE", re: /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b/giu },
  {
    // A date is a date of birth only when introduced as one: election dates in a question stay.
    kind: "DATE_OF_BIRTH",
    re: /(?<![\p{L}])(?:n[ée]e?|naissance|born|birth|dob|ddn|birthday|anniversaire)(?![\p{L}])[^.?!\n]{0,25}?\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:19|20)?\d{2}|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})\b/giu,
  },
  {
    kind: "ADDRESS",
    re: /\b\d{1,6}(?:[-,]\s?\d{1,5})?,?\s+(?:(?:rue|avenue|av\.?|boulevard|boul\.?|chemin|ch\.?|route|rang|place|montée|cote|côte|terrasse|allée|impasse|croissant)\s+[\p{L}'’. -]{2,40}?|[\p{L}'’. -]{2,40}?\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|dr\.?|lane|crescent|court|way))(?=[\s,.;!?]|$)/giu,
  },
];

/** Case-insensitive intro words beside a case-sensitive name (JS has no inline (?i:)). */
const ci = (alts: string[]) => alts.map((a) => a.replace(/\p{L}/gu, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`).replace(/'/g, "['’]").replace(/ /g, "\\s+")).join("|");
/** Names count as personal information when introduced ("je m'appelle X", "my name is X")… */
const NAME_RE = new RegExp(`\\b(${ci(["je m'appelle", "mon nom est", "my name is", "i am called", "i'm called", "moi c'est", "name:", "nom:", "nom :", "signed", "signé"])})\\s+([\\p{Lu}][\\p{L}'’-]+(?:\\s+[\\p{Lu}][\\p{L}'’-]+){0,3})`, "gu");
/** …or as a full name after "je suis"/"I am" (two capitalised words: "je suis Québécois" is not a name)… */
const FULL_NAME_RE = new RegExp(`\\b(${ci(["je suis", "i am", "i'm", "c'est", "this is", "ici"])})\\s+([\\p{Lu}][\\p{Ll}'’-]+(?:[\\s-]+[\\p{Lu}][\\p{Ll}'’-]+){1,3})\\b`, "gu");
/** …or when a capitalised full name sits right beside an address. */
const NAME_BY_ADDRESS_RE = /([\p{Lu}][\p{Ll}'’-]+(?:[\s-]+[\p{Lu}][\p{Ll}'’-]+){1,3})(,?\s+(?:au|at|du|from|de|qui habite au|habitant au|living at|who lives at|lives at|residing at|domicilié au|domiciliée au)?\s*)\[ADDRESS\]/gu;
/** Place names that look like a "full name" after "je suis"/"I am". */
const NOT_NAMES = /^(?:Élections?|Elections?|Québec|Quebec|Montréal|Montreal|Canada|Canadien|Canadienne|Citoyen|Saint|Sainte|Nouveau|Nouvelle)\b/u;

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
  text = text.replace(FULL_NAME_RE, (m, intro: string, name: string) => {
    if (NOT_NAMES.test(name)) return m;
    kinds.add("NAME");
    return `${intro} [NAME]`;
  });
  for (const { kind, re } of PATTERNS) {
    text = text.replace(re, (m) => {
      kinds.add(kind);
      // Keep the words that introduced a date of birth: "né le [DATE_OF_BIRTH]".
      const intro = kind === "DATE_OF_BIRTH" ? /^\D*?(?=\d|janv|f[ée]v|mars|avr|mai|juin|juil|ao|sept|oct|nov|d[ée]c|jan|feb|mar|apr|may|jun|jul|aug|sep)/iu.exec(m)?.[0] ?? "" : "";
      return `${intro}[${kind}]`;
    });
  }
  text = text.replace(NAME_BY_ADDRESS_RE, (m, name: string, sep: string) => {
    if (NOT_NAMES.test(name)) return m;
    kinds.add("NAME");
    return `[NAME]${sep}[ADDRESS]`;
  });
  return { text, kinds: [...kinds] };
}
