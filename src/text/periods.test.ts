import { describe, expect, it } from "vitest";
import { terms } from "./analyze.js";
import { periodTerms } from "./periods.js";

describe("periods that situate a question", () => {
  // When the voter is away says nothing the sources answer by; they answer the situation
  // (outside Québec, by mail) by its rule. None of these phrasings is in an eval set.
  it.each([
    ["fr", "Je suis au Mexique de novembre à mars, je vote comment?", "novembre mars"],
    ["fr", "On descend au Texas d'octobre jusqu'en mai tous les hivers, on fait quoi pour voter?", "octobre mai hivers"],
    ["fr", "Comme chaque année je suis parti du mois de décembre à avril.", "chaque année décembre avril"],
    ["en", "I'm in Arizona from November to April every year, how do I vote?", "November April year"],
    ["en", "We travel between October and May each winter. Can we vote by mail?", "October winter"],
    ["en", "I'm away from december until march like every year", "december march year"],
  ] as const)("%s: %s", (lang, q, period) => expect([...periodTerms(q, lang)]).toEqual(expect.arrayContaining(terms(period, lang))));
  it.each([
    ["fr", "L'élection a lieu en octobre?"],
    ["fr", "Le vote par anticipation est-il en septembre?"],
    ["en", "Is the election in October?"],
    ["en", "When in May does the by-election happen?"],
  ] as const)("leaves a single month, which may be what is asked: %s", (lang, q) => expect(periodTerms(q, lang).size).toBe(0));
});
