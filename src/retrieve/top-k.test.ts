import { describe, expect, it } from "vitest";
import { TopK } from "./top-k.js";

const best = (k: number, scores: number[]) => {
  const top = new TopK(k);
  scores.forEach((s, i) => top.offer(i, s));
  return top.map((i, s) => [i, s]);
};

describe("the k best scores", () => {
  it("are those a stable sort of everything would put first, ties in the order offered", () => {
    const scores = [0.3, 0.9, 0.5, 0.9, 0.1, 0.5, 0.7];
    const sorted = scores.map((s, i) => [i, s]).sort((a, b) => b[1]! - a[1]!);
    for (const k of [1, 2, 3, 5, 7]) expect(best(k, scores)).toEqual(sorted.slice(0, k));
  });

  it("hold fewer than k when fewer were offered", () => {
    expect(best(5, [0.2, 0.4])).toEqual([[1, 0.4], [0, 0.2]]);
  });

  it("drop a score no better than the worst kept once full, NaN included", () => {
    expect(best(2, [0.5, 0.6, 0.5, Number.NaN])).toEqual([[1, 0.6], [0, 0.5]]);
  });
});
