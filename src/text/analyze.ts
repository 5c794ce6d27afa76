import { stemmer as stemFr } from "@orama/stemmers/french";
import { stemmer as stemEn } from "@orama/stemmers/english";
import type { Lang } from "../contract/envelope.js";
import { STOPWORDS } from "./stopwords.js";

/** Lower-cases and strips diacritics, so "Électeur", "electeur" and "ÉLECTEUR" meet. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Raw word tokens (lower-cased, accents kept for the stemmer). */
export function words(s: string): string[] {
  return (s.toLowerCase().replace(/[’`]/g, "'").replace(/\b[cdjlmnst]'|\bqu'/g, " ").match(WORD) ?? []);
}

/**
 * Index terms: words minus stop words, stemmed for the language, then folded.
 * Both languages' stop words are removed because voters mix them ("c'est quoi l'ID").
 */
export function terms(s: string, lang: Lang): string[] {
  const cache = TERM_CACHE[lang];
  const out: string[] = [];
  for (const w of words(s)) {
    let t = cache.get(w);
    if (t === undefined) {
      t = termOf(w, lang);
      // Every answer re-analyses the same passages' words: stemming dominated a turn's CPU.
      // Bounded, because questions bring words without end.
      if (cache.size >= TERM_CACHE_MAX) cache.clear();
      cache.set(w, t);
    }
    if (t !== "") out.push(t);
  }
  return out;
}

const TERM_CACHE_MAX = 200_000;
const TERM_CACHE: Record<Lang, Map<string, string>> = { fr: new Map(), en: new Map() };

/** One word's index term, or "" for a stop word. */
function termOf(w: string, lang: Lang): string {
  const f = fold(w);
  if (STOPWORDS.has(f)) return "";
  if (f.length === 1 && !/\d/.test(f)) return "";
  return /^\d+$/.test(f) ? f : fold((lang === "fr" ? stemFr : stemEn)(w));
}

/** Character trigrams of folded words, a cheap tolerance to typos and inflection. */
export function trigrams(s: string): string[] {
  const out: string[] = [];
  for (const padded of paddedWords(s)) {
    for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  }
  return out;
}

/** The folded words that are not stop words, a space each side: what `trigrams` slides over. */
export function paddedWords(s: string): string[] {
  const out: string[] = [];
  for (const w of words(s)) {
    const f = fold(w);
    if (!STOPWORDS.has(f)) out.push(` ${f} `);
  }
  return out;
}

const FR_HINTS = new Set(["je", "tu", "nous", "vous", "est", "les", "des", "une", "pour", "que", "qui", "quoi", "comment", "quand", "où", "ou", "dois", "peux", "puis", "voter", "vote", "élection", "election", "électeur", "scrutin", "carte", "pas", "mon", "ma", "mes", "au", "aux", "du", "le", "la", "avec", "sans", "quel", "quelle", "quelles", "quels", "c'est", "ça", "faut", "bureau"]);
const EN_HINTS = new Set(["i", "you", "we", "is", "are", "the", "a", "an", "to", "for", "what", "how", "when", "where", "can", "do", "does", "my", "need", "vote", "voting", "election", "elector", "poll", "polling", "with", "without", "which", "who", "if", "it", "of", "in", "on", "have", "should", "am", "will"]);

/** Guesses French or English from function words and accents; French wins ties (French first). */
export function detectLang(s: string): Lang {
  const ws = s.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let fr = /[éèêàçùâîôû]/i.test(s) ? 1.5 : 0;
  let en = 0;
  for (const w of ws) {
    if (FR_HINTS.has(w)) fr++;
    if (EN_HINTS.has(w)) en++;
  }
  return en > fr ? "en" : "fr";
}
