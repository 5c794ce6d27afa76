import { describe, expect, it } from "vitest";
import { ageTerms } from "./ages.js";

// A person's age or a count of people says who is asking; the corpus states the age rule
// once and never lists ages, so such a figure must not read as "a figure the sources lack".
describe("ages and counts of people", () => {
  it.each([
    ["Mon grand-père a 94 ans et il est en fauteuil roulant, comment peut-il voter?", "94"],
    ["J'ai 71 ans et je ne peux plus me déplacer, est-ce que je peux voter chez moi?", "71"],
    ["Ma tante, âgée de 102 ans, habite en résidence : où votera-t-elle?", "102"],
    ["Mon fils de 17 ans peut-il travailler au bureau de vote?", "17"],
    ["J'ai 4 enfants, est-ce que je peux les amener quand je vote?", "4"],
  ] as const)("finds the age or count in « %s »", (q, figure) => {
    expect(ageTerms(q, "fr").has(figure)).toBe(true);
  });

  it.each([
    ["My dad is 87 and can't leave the house, how can he vote?", "87"],
    ["My 83-year-old neighbour needs help marking her ballot, who can help?", "83"],
    ["I'm 16, can I vote in the provincial election?", "16"],
    ["Can my grandson vote at 17?", "17"],
    ["I have 3 kids, can I bring them into the voting booth?", "3"],
  ] as const)("finds the age or count in “%s”", (q, figure) => {
    expect(ageTerms(q, "en").has(figure)).toBe(true);
  });

  it.each([
    ["J'habite au Québec depuis 3 ans, suis-je domicilié?", "fr"],
    ["Il y a 4 ans, j'ai voté au cégep : est-ce encore possible?", "fr"],
    ["Est-ce que le bureau de vote du 4500 est ouvert?", "fr"],
    ["Qui a gagné en 1994 dans Taschereau?", "fr"],
    ["The polling station is 92 km away, can I vote somewhere else?", "en"],
    ["Who won my riding in 1994?", "en"],
    ["Is riding 125 the one with the by-election?", "en"],
  ] as const)("leaves a figure that is not an age alone: %s", (q, lang) => {
    expect(ageTerms(q, lang).size).toBe(0);
  });
});
