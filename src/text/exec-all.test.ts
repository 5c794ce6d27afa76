import { describe, expect, it } from "vitest";
import { execAll } from "./exec-all.js";

const same = (re: RegExp, text: string) => {
  const got = execAll(re, text).map((m) => [m.index, m[0], ...m.slice(1)]);
  expect(got).toEqual([...text.matchAll(re)].map((m) => [m.index, m[0], ...m.slice(1)]));
  expect(re.lastIndex).toBe(0);
};

describe("execAll", () => {
  it("gives matchAll's matches, groups included", () => {
    same(/(\d+)h(\d*)/g, "de 9h30 à 20h, le 3 mai");
    same(/\b(lundi|mai)\b/giu, "Lundi 3 mai");
  });
  it("steps over empty matches as matchAll does, by code point with the u flag", () => {
    same(/x*/g, "ab😀c");
    same(/x*/gu, "ab😀c");
  });
  it("refuses a pattern that is not global, as matchAll does", () => {
    expect(() => execAll(/a/, "a")).toThrow(TypeError);
  });
});
