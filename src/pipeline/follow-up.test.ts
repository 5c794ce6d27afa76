import { describe, expect, it } from "vitest";
import { retrievalQueryFor } from "./follow-up.js";

describe("follow-up retrieval query", () => {
  const history = ["Where is the nearest public library?"];

  it("searches an anaphoric follow-up together with the previous question", () => {
    expect(retrievalQueryFor("is there a different one near the station instead?", history, "en")).toBe(`${history[0]} is there a different one near the station instead?`);
    expect(retrievalQueryFor("y en a-t-il une autre plus proche de la gare, plutôt?", ["Où est la bibliothèque publique la plus proche?"], "fr")).toMatch(/^Où est la bibliothèque/);
  });

  it("takes a question opening with 'what if' as a follow-up", () => {
    expect(retrievalQueryFor("what if the library has closed for more than two weeks already?", history, "en")).toMatch(/^Where is the nearest public library\?/);
  });

  it("searches a self-contained question on its own", () => {
    expect(retrievalQueryFor("What documents do I need to borrow rare books from the archive?", history, "en")).toBe("What documents do I need to borrow rare books from the archive?");
  });

  it("has nothing to merge at the start of a conversation", () => {
    expect(retrievalQueryFor("and another one?", [], "en")).toBe("and another one?");
  });
});
