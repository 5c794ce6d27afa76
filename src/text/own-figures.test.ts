import { describe, expect, it } from "vitest";
import { ownFigureTerms } from "./own-figures.js";

describe("figures of the voter's own situation", () => {
  // The sources answer the situation by its rule, never by the voter's year or amount. None
  // of these phrasings is in an eval set.
  it.each([
    ["fr", "J'habite à Laval depuis 2021, est-ce que je peux voter?", "2021"],
    ["fr", "Je suis citoyen canadien depuis 2024, suis-je sur la liste?", "2024"],
    ["fr", "J'ai donné 50 $ au parti de mon voisin, c'est public?", "50"],
    ["en", "I've been a permanent resident since 2018, can I vote?", "2018"],
    ["en", "We moved here from Ontario and have lived in Gatineau since 2022. Are we on the list?", "2022"],
    ["en", "I gave $40 to a candidate, do I get a receipt?", "40"],
  ] as const)("%s: %s", (lang, q, fig) => expect(ownFigureTerms(q, lang).has(fig)).toBe(true));
  it.each([
    ["fr", "Qui a gagné en 1994?"],
    ["fr", "Le vote à date fixe existe depuis 2013?"],
    ["fr", "Est-ce que je peux donner 500 $ à un parti?"],
    ["en", "Did the 2022 election cost $100 million?"],
    ["en", "Has the voting age been 18 since 1964?"],
    ["en", "Can I donate $250 to a candidate?"],
  ] as const)("leaves a figure that is asked about: %s", (lang, q) => expect(ownFigureTerms(q, lang).size).toBe(0));
});
