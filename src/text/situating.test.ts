import { describe, expect, it } from "vitest";
import { terms } from "./analyze.js";
import { auxiliaryTerms } from "./auxiliaries.js";
import { situatingTerms } from "./situating.js";

describe("situating words", () => {
  it.each([
    ["slt, comment je m'inscris?", "fr", "slt"],
    ["bjr est-ce que ma blonde peut voter pour moi?", "fr", "bjr"],
    ["coucou, mes voisins peuvent-ils m'amener voter?", "fr", "coucou"],
    ["thx, and can my roommates vote here?", "en", "thx"],
    ["plz can my grandkids help me vote", "en", "plz"],
  ] as const)("treats a greeting or the people spoken of as situating: %s", (q, lang, word) => {
    const own = terms(q, lang);
    expect(own.filter((t) => situatingTerms(lang).has(t))).toEqual(expect.arrayContaining(terms(word, lang)));
  });

  it("counts the other language's words only where the stemmer leaves them whole", () => {
    // "wife" cut by the French stemmer is "wif", the stem of "wifi"; "fille" cut by the English one is "fill".
    expect(terms("Y a-t-il du wifi au bureau de vote?", "fr").filter((t) => situatingTerms("fr").has(t))).toEqual([]);
    expect(terms("Who can help me fill out my ballot?", "en").filter((t) => situatingTerms("en").has(t))).toEqual([]);
    expect(terms("Est-ce que my mom peut voter pour moi?", "fr").filter((t) => situatingTerms("fr").has(t))).toEqual(["mom"]);
    expect(terms("Can my chum vote for me?", "en").filter((t) => situatingTerms("en").has(t))).toEqual(["chum"]);
  });

  it("does not take 'ID' for chat-speak: in an election question it is identification", () => {
    expect(situatingTerms("en").has("id")).toBe(false);
    expect(situatingTerms("fr").has("id")).toBe(false);
  });
});

describe("auxiliary verbs", () => {
  it.each([
    ["Est-ce que je vais pouvoir voter si je déménage?", "pouvoir"],
    ["Faudrait-tu que je fasse une demande?", "fasse"],
    ["Mon fils va-tu voter au cégep?", "va"],
    ["Ils pourraient-tu m'envoyer ma carte?", "pourraient"],
  ] as const)("are grammar, not topic: %s", (q, verb) => {
    expect(terms(q, "fr").filter((t) => auxiliaryTerms("fr").has(t))).toEqual(expect.arrayContaining(terms(verb, "fr")));
  });

  it("leave the words of the question itself", () => {
    const aux = auxiliaryTerms("fr");
    expect(terms("Puis-je voter par anticipation avec mon passeport?", "fr").filter((t) => aux.has(t))).toEqual([]);
  });
});
