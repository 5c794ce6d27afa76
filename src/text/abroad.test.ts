import { describe, expect, it } from "vitest";
import { abroadTerms, stayAbroadPattern } from "./abroad.js";
import { fold } from "./analyze.js";

// Where a voter is (or is going) situates the question; being there during the vote is
// what the corpus's "electors outside Québec" rules are about.
describe("places outside Québec", () => {
  it("names countries in both languages, in lower case too, and other provinces; not Canada", () => {
    expect([...abroadTerms("on part au portugal en octobre", "fr")]).toEqual(["portugal"]);
    expect(abroadTerms("Je serai aux États-Unis pendant le vote", "fr").size).toBeGreaterThan(0);
    expect(abroadTerms("I'll be in the United States in October", "en").size).toBeGreaterThan(0);
    expect([...abroadTerms("I study in Ontario", "en")]).toEqual(["ontario"]);
    expect(abroadTerms("I live in Canada, can I vote?", "en").size).toBe(0);
    expect(abroadTerms("Are you going to tell us where to vote?", "en").size).toBe(0); // "US" is not "us"
  });

  it.each([
    "Je serai en Belgique pour mon stage pendant le vote, qu'est-ce que je fais?",
    "On part au Portugal tout le mois d'octobre, comment on vote?",
    "je suis a cuba pour les elections",
    "I'll be in Portugal during the election, how can I vote?",
    "We're travelling to Japan in October, can we still vote?",
    "Can I vote from Germany?",
  ])("reads being in or going there as voting from outside Québec: %s", (q) => {
    expect(stayAbroadPattern().test(fold(q))).toBe(true);
  });

  it.each([
    "Je vote à Saint-Barthélemy, où est mon bureau de vote?",
    "Ma mère habite à Sainte-Lucie-des-Laurentides, peut-elle voter chez elle?",
    "Je vais à Dominique pour qu'elle m'aide à voter",
    "I'm going to Chad's place to vote together",
  ])("does not take a Québec place or a first name for a country: %s", (q) => {
    expect(stayAbroadPattern().test(fold(q))).toBe(false);
  });

  it.each([
    "Je suis né au Maroc, est-ce que je peux voter?",
    "Ma femme est née en Haïti, peut-elle voter?",
    "Je viens de France, est-ce que je peux voter?",
    "I was born in Haiti, can I vote in Québec?",
    "My husband grew up in Mexico, is he allowed to vote?",
    "I'm from France, can I vote?",
  ])("does not read birth or origin as a stay abroad: %s", (q) => {
    expect(stayAbroadPattern().test(fold(q))).toBe(false);
  });
});
