import { createHash } from "node:crypto";
import type { Lang } from "../contract/envelope.js";
import { terms as analyse, words } from "../text/analyze.js";
import { searchableText, type Chunk } from "./chunk.js";

/**
 * What the on-disk index was built from: the chunks (so a chunker change rebuilds it) and
 * how the analyser turns each word of those chunks into an index term (so a change to
 * stemming, stop words or folding rebuilds it). The keyword index is a function of exactly
 * these two, and the corpus version alone knows neither: a cache keyed by it kept serving
 * terms an older analyser made, which the current query side no longer matches.
 */
export function indexFingerprint(chunks: readonly Chunk[], terms: (word: string, lang: Lang) => string[] = analyse): string {
  const hash = createHash("sha256");
  const vocabulary = { fr: new Set<string>(), en: new Set<string>() };
  for (const c of chunks) {
    hash.update(`${c.id}\u0000${searchableText(c)}\u0000`);
    for (const w of words(searchableText(c))) vocabulary[c.lang].add(w);
  }
  for (const lang of ["fr", "en"] as const) {
    for (const w of [...vocabulary[lang]].sort()) hash.update(`${lang}:${w}=${terms(w, lang).join(" ")}\u0000`);
  }
  return hash.digest("hex").slice(0, 16);
}
