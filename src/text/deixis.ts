import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "./analyze.js";

/**
 * Words that point at a place or a thing the voter already named ("là-bas", "ici", "quelque part",
 * "de quoi", "over there", "somewhere", "anything"): they stand for something said elsewhere
 * (the CHSLD, the new town) and add nothing the sources could answer. Matched as phrases,
 * because their words alone are ordinary ones ("bas", "part").
 */
const DEICTIC = /(?<![\p{L}])(?:la[- ]bas|ici|par la|quelque part|n'importe ou|nulle part|(?:faire|fasse|fait|fais) de quoi|over there|out there|somewhere|anywhere|anything|something)(?![\p{L}])/gu;

/** The analysed terms of the pointing phrases of `text`. */
export function deicticTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const m of fold(text).replace(/[’`]/g, "'").match(DEICTIC) ?? []) for (const t of terms(m, lang)) out.add(t);
  return out;
}
