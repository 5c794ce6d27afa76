import { describe, expect, it } from "vitest";
import { detectLang, terms, trigrams } from "../text/analyze.js";
import { HashingEmbeddings } from "./embed.js";

/**
 * hashing-v1 as first written, building each feature's string: saved indices hold vectors
 * made this way, so a faster embedder must give the same numbers to the last bit.
 */
function reference(text: string, dimensions = 1024): number[] {
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const v = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const h = fnv(feature);
    v[h % dimensions]! += h & 0x80000000 ? -weight : weight;
  };
  const ts = terms(text, detectLang(text));
  ts.forEach((t, i) => {
    add(`w:${t}`, 1);
    if (i > 0) add(`b:${ts[i - 1]} ${t}`, 0.5);
  });
  for (const g of trigrams(text)) add(`g:${g}`, 0.25);
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => x / norm);
}

describe("HashingEmbeddings (hashing-v1)", () => {
  const texts = [
    "Où est mon bureau de vote? Je déménage à Montréal le 3 octobre.",
    "Can I vote early if I work on election day? I'm a student at McGill.",
    "l'électeur qu'on inscrit: pièce d'identité, carte d'assurance maladie",
    "",
  ];

  it("gives, to the last bit, the vectors of the feature strings it hashes", () => {
    for (const dims of [1024, 384]) {
      const e = new HashingEmbeddings(dims);
      for (const t of texts) expect(e.embedText(t)).toEqual(reference(t, dims));
    }
  });
});
