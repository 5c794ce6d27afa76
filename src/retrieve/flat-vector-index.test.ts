import { describe, expect, it } from "vitest";
import { PackedVectorIndex } from "./flat-vector-index.js";

const entries = [
  { chunkId: "a", lang: "fr" as const },
  { chunkId: "b", lang: "en" as const },
  { chunkId: "c", lang: "fr" as const },
  { chunkId: "d", lang: "fr" as const },
];
// Rows need not be normalised: the index scores by cosine.
const data = new Float32Array([1, 0, 0, /* b */ 0, 1, 0, /* c */ 3, 3, 0, /* d */ 0, 0, 5]);

describe("the exact vector scan", () => {
  it("ranks one language's rows by cosine similarity, best first, k at most", () => {
    const index = new PackedVectorIndex(entries, 3, data);
    const hits = index.search("fr", [2, 1, 0], 2);
    expect(hits.map((h) => h.chunkId)).toEqual(["c", "a"]);
    expect(hits[0]!.score).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(hits[1]!.score).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(index.search("fr", [2, 1, 0], 10).map((h) => h.chunkId)).toEqual(["c", "a", "d"]);
    expect(index.search("en", [2, 1, 0], 10).map((h) => h.chunkId)).toEqual(["b"]);
  });

  it("finds nothing for a query without direction, or for k of zero", () => {
    const index = new PackedVectorIndex(entries, 3, data);
    expect(index.search("fr", [0, 0, 0], 5)).toEqual([]);
    expect(index.search("fr", [1, 0, 0], 0)).toEqual([]);
  });

  it("refuses data or queries of the wrong size", () => {
    expect(() => new PackedVectorIndex(entries, 3, new Float32Array(11))).toThrow(/11 floats, expected 12/);
    expect(() => new PackedVectorIndex(entries, 3, data).search("fr", [1, 0], 1)).toThrow(/2 dimensions, the index 3/);
  });
});
