import { describe, expect, it } from "vitest";
import { terms } from "../text/analyze.js";
import { mentionsAbsenceOf } from "./absence.js";
import { analysedHeading, analysedUnits, pairKey, termOpenings } from "./passage.js";
import { splitUnits } from "./units.js";

const chunk = () => ({ title: "Guide", heading: "Who can vote without a card?", text: "Without a card you can still vote. Bring one of:\n- a passport;\n- a licence." });

describe("passage analysis", () => {
  it("reads each unit as the composer would read it afresh", () => {
    const c = chunk();
    const units = analysedUnits(c, "en");
    expect(units.map((u) => u.text)).toEqual(splitUnits(c.text, "en"));
    for (const u of units) {
      expect(u.terms).toEqual(terms(u.text, "en"));
      expect(u.pairs.has(pairKey(u.terms[0]!, u.terms[1]!))).toBe(true);
    }
    const topic = new Set(terms("card", "en"));
    expect(units.map((u) => u.absence.some((w) => w.some((t) => topic.has(t))))).toEqual(units.map((u) => mentionsAbsenceOf(u.text, "en", topic)));
    expect(analysedHeading(c, "en")).toMatchObject({ terms: terms(c.heading, "en"), kind: "who" });
    expect(termOpenings(c, "en").has("passp")).toBe(true);
  });

  it("analyses a chunk again when a caller reuses its object with other text", () => {
    const c = chunk();
    expect(analysedUnits(c, "en")).toHaveLength(2);
    c.text = "One sentence only.";
    expect(analysedUnits(c, "en").map((u) => u.text)).toEqual(["One sentence only."]);
    c.heading = "How do I vote?";
    expect(analysedHeading(c, "en").kind).toBe("how");
  });
});
