import { describe, expect, it } from "vitest";
import { deicticTerms } from "./deixis.js";

// "Là-bas", "quelque part", "over there" stand for a place the voter named elsewhere; the
// words themselves ("bas", "part") are ordinary ones and are left alone outside the phrase.
describe("pointing phrases", () => {
  it.each([
    ["Mon chum étudie à Rimouski, il vote là-bas ou ici?", "fr", "bas"],
    ["Ma tante est en CHSLD, elle va voter là-bas?", "fr", "bas"],
    ["Je suis à Montréal pour mes études, je peux voter ici?", "fr", "ici"],
    ["Peut-il voter quelque part près de sa job?", "fr", "part"],
    ["Je pars en Floride, je peux voter n'importe où?", "fr", "import"],
    ["My dad is at his cottage, can he vote anywhere up there?", "en", "anywher"],
    ["Is there somewhere I can vote before election day?", "en", "somewher"],
    ["We're moving to Laval, do we need to do anything to vote?", "en", "anyth"],
  ] as const)("finds the pointer in %s", (q, lang, term) => {
    expect([...deicticTerms(q, lang)]).toContain(term);
  });

  it.each([
    ["Quel est le taux de participation le plus bas?", "fr"],
    ["À partir de quand puis-je voter par anticipation?", "fr"],
    ["Quelle part des votes faut-il pour être élu?", "fr"],
    ["Where is the polling station, is it over the bridge?", "en"],
    ["What part of the ballot do I mark?", "en"],
  ] as const)("leaves the same words alone outside the phrase: %s", (q, lang) => {
    expect(deicticTerms(q, lang).size).toBe(0);
  });
});
