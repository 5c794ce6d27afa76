import { boundedMemo } from "../text/bounded-memo.js";
import { closest, distance } from "fastest-levenshtein";
import { fold } from "../text/analyze.js";
import { ATTACK_TERMS, DOMAIN_TERMS, KEEP } from "./lexicon.js";

/**
 * Text as the rules read it: case and accents folded, apostrophes unified, SMS spellings
 * spelled out, and words one or two typos away from a domain term corrected to it, so
 * "c koi les heures d'ouverture", "delection" or "bulettin" meet the same rules as the
 * careful spelling. Rules match on words, so the output keeps one space between words.
 */
// A Map, not an object literal: a voter's "constructor" or "toString" must not find Object.prototype's.
const SMS = new Map<string, string>(Object.entries({
  c: "c'est", koi: "quoi", kwa: "quoi", ke: "que", kel: "quel", kelle: "quelle", kels: "quels", ki: "qui",
  pk: "pourquoi", pcq: "parce que", stp: "s'il te plait", svp: "s'il vous plait", tjrs: "toujours",
  jpeux: "je peux", jpe: "je peux", chu: "je suis", jsuis: "je suis", jsais: "je sais", mm: "meme", qd: "quand", qqn: "quelqu'un",
  bcp: "beaucoup", dla: "de la", ds: "dans", tt: "tout", u: "you", ur: "your", pls: "please", plz: "please",
  wat: "what", wut: "what", whr: "where", wen: "when", hw: "how", cuz: "because", im: "i'm", cant: "can't",
}));
const SMS_WORDS = [...SMS.keys()];

/** Elided articles written without their apostrophe ("delection", "lelection", "jai"). */
const ELISION = /^(d|l|j|qu|n|s|m|t)(?=[aeiouyh])/;

const cache = new Map<string, string>();

/** The domain term a word is a typo of, or the word itself. */
export function correctWord(w: string): string {
  if (w.length < 5 || DICTIONARY.has(w) || KEEP.has(w) || /\d/.test(w)) return w;
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  let out = w;
  const near = closest(w, DOMAIN_LIST);
  // Two edits only on long words that keep their first and last letters ("bulettin"), so
  // an ordinary word ("residents") is not pulled onto a nearby domain word ("residence").
  const budget = w.length >= 8 && near.at(-1) === w.at(-1) ? 2 : 1;
  if (distance(w, near) <= budget && near[0] === w[0]) out = near;
  else {
    const m = ELISION.exec(w);
    if (m) {
      const rest = w.slice(m[0].length);
      const fixed = rest.length >= 4 && (DICTIONARY.has(rest) || distance(rest, closest(rest, DOMAIN_LIST)) <= (rest.length >= 10 ? 2 : 1)) ? (DICTIONARY.has(rest) ? rest : closest(rest, DOMAIN_LIST)) : null;
      if (fixed) out = `${m[0]}'${fixed}`;
    }
  }
  if (cache.size < 10_000) cache.set(w, out);
  return out;
}

const DICTIONARY = new Set([...DOMAIN_TERMS, ...ATTACK_TERMS]);
const DOMAIN_LIST = [...DICTIONARY];

export function normalise(text: string): string {
  const f = fold(decodeEntities(text)).replace(/[’‘`´]/g, "'").replace(/[«»“”"]/g, " ");
  return f
    .split(/(\s+)/)
    .map(normaliseToken)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

const TOKEN_CACHE_MAX = 50_000;

/**
 * One folded token (a word with its punctuation, or a run of whitespace) as the rules read
 * it. It depends on the token alone, and answers quote the same passages' words turn after
 * turn, so each is worked out once (bounded, since messages bring tokens without end).
 */
const normaliseToken = boundedMemo(TOKEN_CACHE_MAX, (tok: string) => readToken(tok));

function readToken(tok: string): string {
  const m = /^([^\p{L}\p{N}']*)([\p{L}\p{N}'-]+)([^\p{L}\p{N}']*)$/u.exec(tok);
  if (!m) return tok;
  const [, pre, word, post] = m as unknown as [string, string, string, string];
  const sms = SMS.get(word);
  if (sms) return `${pre}${sms}${post}`;
  return `${pre}${word.includes("'") ? word : correctWord(word)}${post}`;
}

/** HTML-escaped markup ("&lt;/question&gt;") means the same as the markup itself. */
export function decodeEntities(s: string): string {
  return s.replace(/&lt;/gi, "<").replace(/&gt;/gi, ">").replace(/&quot;/gi, '"').replace(/&#0*39;|&apos;/gi, "'").replace(/&amp;/gi, "&");
}

/**
 * What normalise() of a word is sure to start with when only its first characters,
 * `partial`, have arrived (a streamed word): its first letter or digit, which case and
 * accent folding keep and a typo correction keeps too (it only picks a term with the same
 * first letter; an elision "d'…" keeps it). Nothing when an SMS spelling could still
 * replace the word ("ko…" → "quoi") or the word starts with a character normalise()
 * rewrites or drops (an entity "&…", quotes).
 */
export function settledStartOfNormalised(partial: string): string {
  const f = fold(partial).replace(/[’‘`´]/g, "'");
  if (!/^[\p{L}\p{N}]/u.test(f)) return "";
  const word = /^[\p{L}\p{N}'-]*/u.exec(f)![0];
  if (SMS_WORDS.some((k) => k.startsWith(word))) return "";
  return f[0]!;
}

