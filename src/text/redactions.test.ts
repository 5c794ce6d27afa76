import { describe, expect, it } from "vitest";
import { redactPii } from "../guard/pii.js";
import { redactionTerms } from "./redactions.js";

// The placeholders are our words standing for the voter's own data, never what is asked.
describe("terms of redaction placeholders", () => {
  it.each([
    ["Mon NAS c'est 123 456 789, je dois l'apporter au bureau de vote?", "fr"],
    ["J'habite au H2X 1Y4, comment trouver mon bureau de vote?", "fr"],
    ["Mon courriel est jean.tremblay@exemple.com, puis-je m'inscrire en ligne?", "fr"],
    ["Here is my number 123 456 789, do I have to show it when I vote?", "en"],
    ["I live at H2X 1Y4, how do I find my polling station?", "en"],
    ["Reach me at 514 555 0199, can I vote at home?", "en"],
  ] as const)("come from the placeholder only: %s", (q, lang) => {
    const { text } = redactPii(q);
    expect(text).toMatch(/\[[A-Z_]+\]/);
    expect(redactionTerms(text, lang).size).toBeGreaterThan(0);
  });

  it("leaves a word the voter wrote themselves, and a question without placeholders, alone", () => {
    expect([...redactionTerms("My address is [ADDRESS], where do I vote?", "en")]).toEqual([]);
    expect([...redactionTerms(redactPii("My postal code is H2X 1Y4, where do I vote?").text, "en")]).toEqual([]);
    expect([...redactionTerms("my card [HEALTH_CARD]", "en")]).toEqual(["health"]);
    expect(redactionTerms("Quelle pièce d'identité dois-je apporter?", "fr").size).toBe(0);
  });
});
