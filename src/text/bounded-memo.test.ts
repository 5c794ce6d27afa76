import { describe, expect, it } from "vitest";
import { boundedMemo } from "./bounded-memo.js";

describe("a bounded memo", () => {
  it("computes each argument once while it is kept", () => {
    let calls = 0;
    const len = boundedMemo(10, (s: string) => (calls++, s.length));
    expect([len("ab"), len("ab"), len("abc"), len("ab")]).toEqual([2, 2, 3, 2]);
    expect(calls).toBe(2);
  });

  it("never holds more than its bound: once full it starts afresh", () => {
    let calls = 0;
    const id = boundedMemo(2, (n: number) => (calls++, n));
    [1, 2, 3, 1].forEach(id);
    expect(calls).toBe(4);
  });
});
