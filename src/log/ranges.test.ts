import { describe, expect, it } from "vitest";
import { pushSeq, rangeCount, subtractRanges, toRanges } from "./ranges.js";

describe("row ranges", () => {
  it("compress any order of row numbers into sorted inclusive ranges", () => {
    expect(toRanges([9, 3, 4, 5, 5, 1, 10])).toEqual([[1, 1], [3, 5], [9, 10]]);
    expect(rangeCount(toRanges([9, 3, 4, 5, 1, 10]))).toBe(6);
    expect(toRanges([])).toEqual([]);
  });

  it("grow in increasing order", () => {
    const r: [number, number][] = [];
    for (const s of [2, 3, 4, 7, 8, 10]) pushSeq(r, s);
    expect(r).toEqual([[2, 4], [7, 8], [10, 10]]);
  });

  it("subtract what another set covers", () => {
    expect(subtractRanges([[1, 10]], [[3, 4], [8, 12]])).toEqual([[1, 2], [5, 7]]);
    expect(subtractRanges([[1, 3], [5, 6]], [[1, 6]])).toEqual([]);
    expect(subtractRanges([[5, 6]], [])).toEqual([[5, 6]]);
  });
});
