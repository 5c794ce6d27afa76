import { describe, expect, it } from "vitest";
import { LiveMatcher } from "./live-match.js";

describe("LiveMatcher.earliestLiveStart", () => {
  const opinion = new LiveMatcher(/\b(?:vote for|you should vote|best party)\b/);

  it("gives the start of the earliest text that could still grow into a match", () => {
    expect(opinion.earliestLiveStart("polls open; you should ")).toBe(12);
    expect(opinion.earliestLiveStart("the best ")).toBe(4);
    expect(opinion.earliestLiveStart("you vote ")).toBe(4);
  });

  it("is null when no continuation can match, or the match is already complete and judged", () => {
    expect(opinion.earliestLiveStart("polls open at 9 ")).toBeNull();
    expect(opinion.earliestLiveStart("you should go ")).toBeNull();
    expect(opinion.earliestLiveStart("vote for ")).toBeNull();
    // …but a match completed after `judged` (in a word still arriving) is live.
    expect(opinion.earliestLiveStart("vote for", 5)).toBe(0);
  });

  it("evaluates word boundaries: a phrase does not start inside a word", () => {
    expect(opinion.earliestLiveStart("devote ")).toBeNull();
    expect(opinion.earliestLiveStart("devote f")).toBeNull();
    expect(opinion.earliestLiveStart("de vote f")).toBe(3);
  });

  it("holds across a bounded gap only while the gap can still be crossed", () => {
    const override = new LiveMatcher(/\bignore\b.{0,20}\binstructions\b/);
    expect(override.earliestLiveStart("please ignore the ")).toBe(7);
    expect(override.earliestLiveStart("please ignore the queue at the polling station ")).toBeNull();
  });

  it("reads character classes and Unicode properties with the pattern's own flags", () => {
    const party = new LiveMatcher(/(?<![\p{L}])(?:CAQ|PQ)(?![\p{L}])/u);
    expect(party.earliestLiveStart("the P")).toBe(4);
    expect(party.earliestLiveStart("theP")).toBeNull();
    expect(party.earliestLiveStart("the CAQs ")).toBeNull();
  });

  it("refuses a pattern it cannot follow", () => {
    expect(() => new LiveMatcher(/(a)\1/)).toThrow(/backreference/);
  });
});
