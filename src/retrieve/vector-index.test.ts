import { describe, expect, it } from "vitest";
import { FlatVectorIndex } from "./vector-index.js";

/** A deterministic pseudo-random source, so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

function normalised(dim: number, rand: () => number): number[] {
  const v = Array.from({ length: dim }, rand);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** The obvious exact search: score everything, sort everything. */
function naive(entries: { chunkId: string; vector: number[] }[], q: number[], k: number) {
  return entries
    .map((e, i) => ({ i, chunkId: e.chunkId, score: Math.fround(e.vector.reduce((s, x, j) => s + Math.fround(x) * Math.fround(q[j]!), 0)) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, k)
    .map((x) => x.chunkId);
}

describe("FlatVectorIndex (exact search)", () => {
  it("returns the same top k as scoring and sorting every vector, in order", () => {
    const rand = lcg(7);
    const dim = 37; // not a multiple of 4, to exercise the unrolled loop's tail
    const entries = Array.from({ length: 500 }, (_, i) => ({ chunkId: `c${i}`, lang: "fr" as const, vector: normalised(dim, rand) }));
    const index = new FlatVectorIndex(entries);
    for (let t = 0; t < 20; t++) {
      const q = normalised(dim, rand);
      expect(index.search("fr", q, 10).map((h) => h.chunkId)).toEqual(naive(entries, q, 10));
    }
  });

  it("keeps corpus order among equal scores and returns at most the corpus size", () => {
    const v = [1, 0, 0, 0];
    const index = new FlatVectorIndex([
      { chunkId: "a", lang: "en", vector: [0, 1, 0, 0] },
      { chunkId: "b", lang: "en", vector: v },
      { chunkId: "c", lang: "en", vector: v },
    ]);
    const hits = index.search("en", v, 10);
    expect(hits.map((h) => h.chunkId)).toEqual(["b", "c", "a"]);
    expect(hits[0]!.score).toBeCloseTo(1);
    expect(index.search("fr", v, 10)).toEqual([]);
    expect(index.search("en", v, 0)).toEqual([]);
  });
});
