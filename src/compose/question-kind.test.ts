import { describe, expect, it } from "vitest";
import { questionKind } from "./question-kind.js";

describe("kind of question", () => {
  it("reads the first interrogative word, in French and English", () => {
    expect(questionKind("Who runs the museum these days?")).toBe("who");
    expect(questionKind("How is the museum director chosen?")).toBe("how");
    expect(questionKind("Comment je remplis le formulaire?")).toBe("how");
    expect(questionKind("Quand ouvre le musée?")).toBe("when");
    expect(questionKind("Où est l'entrée?")).toBe("where");
    expect(questionKind("Combien coûte l'entrée?")).toBe("how-much");
  });

  it("does not mistake French 'ou' (or) for 'où' (where), and has no kind for a yes/no question", () => {
    expect(questionKind("Puis-je venir le samedi ou le dimanche?")).toBeNull();
    expect(questionKind("Can I bring a friend?")).toBeNull();
  });

  it("reads a heading without an interrogative word as a yes/no question, when asked to", () => {
    expect(questionKind("Can someone help me fill in the form?", { yesNo: true })).toBe("yes-no");
    expect(questionKind("How do I fill in the form?", { yesNo: true })).toBe("how");
    expect(questionKind("Filling in the form", { yesNo: true })).toBeNull();
  });
});
