import { describe, expect, it } from "vitest";
import { clockTerms } from "./clock.js";
import { properNounTerms } from "./proper-nouns.js";
import { correctWord, editDistance } from "./typo.js";

describe("times of day", () => {
  it("finds Québec and English clock times, with their digits", () => {
    expect([...clockTerms("je finis à 19h30 et j'arrive vers 8h", "fr")].sort()).toEqual(["19h30", "8h"]);
    expect([...clockTerms("I get there at 7:45 pm, or 8 p.m. at worst", "en")]).toEqual(expect.arrayContaining(["7", "45", "pm", "8"]));
    expect(clockTerms("le bureau ferme à 20 h", "fr").has("20")).toBe(true);
  });

  it("takes the word that makes a time exact as part of it ('20h pile', '8 pm sharp')", () => {
    expect(clockTerms("J'arrive au bureau de vote à 19h30 pile, c'est correct?", "fr").has("pil")).toBe(true);
    expect(clockTerms("si j'arrive à 20 h tapant est-ce trop tard", "fr").has("tap")).toBe(true);
    expect(clockTerms("I'll be in line at 8 pm sharp, can I still vote?", "en").has("sharp")).toBe(true);
    expect(clockTerms("Is a pencil sharp enough to mark the ballot?", "en").size).toBe(0);
  });

  it("leaves other figures alone: a street number, a year", () => {
    expect(clockTerms("j'habite au 1234 rue Principale depuis 2019", "fr").size).toBe(0);
  });
});

describe("names", () => {
  it("takes capitalised words inside a sentence as names, not the first word or acronyms", () => {
    const names = properNounTerms("We live in Rivière-du-Loup near McGill. Where do I vote with my CHSLD card?", "en");
    expect(names.has("mcgill")).toBe(true);
    expect([...names].some((t) => t.startsWith("rivi"))).toBe(true);
    expect([...names].some((t) => t.startsWith("we") || t.startsWith("where") || t === "chsld")).toBe(false);
  });
});

describe("acronyms of places", () => {
  // Right after a preposition of place an acronym names where the voter is, like a name;
  // elsewhere it is usually what the question asks about.
  it.each([
    ["Mon père est au CLSC de mon quartier, peut-il voter là?", "fr", "clsc"],
    ["J'étudie à l'UQAM, où est-ce que je vote?", "fr", "uqam"],
    ["Ma mère vit dans un HLM, y a-t-il un bureau de vote sur place?", "fr", "hlm"],
    ["I work at the SAAQ, do I get time off to vote?", "en", "saaq"],
    ["My son studies at ETS, where does he vote?", "en", "ets"],
    ["My grandmother lives in an RPA, can she vote there?", "en", "rpa"],
  ] as const)("situates %s", async (q, lang, acronym) => {
    const { terms } = await import("./analyze.js");
    expect([...properNounTerms(q, lang)]).toEqual(terms(acronym, lang));
  });

  it.each([
    ["Est-ce que le NAS est obligatoire pour voter?", "fr"],
    ["C'est quoi la RAMQ?", "fr"],
    ["Does the SIN count as ID?", "en"],
    ["What does CHSLD mean?", "en"],
  ] as const)("leaves an acronym that is the topic alone: %s", (q, lang) => {
    expect([...properNounTerms(q, lang)]).toEqual([]);
  });
});

describe("spelling correction", () => {
  const known = new Map([["universities", 3], ["university", 5], ["marking", 4], ["yellow", 2], ["election", 9]]);

  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("univeristies", "universities", 2)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
  });

  it("corrects a misspelt word to the closest known word", () => {
    expect(correctWord("univeristies", known)).toBe("universities");
    expect(correctWord("yelow", known)).toBe("yellow");
  });

  it("does not turn a different word into a known one", () => {
    expect(correctWord("parking", known)).toBeNull(); // first letter differs from "marking"
    expect(correctWord("park", known)).toBeNull(); // too short to tell a typo from another word
    expect(correctWord("weather", known)).toBeNull();
  });
});

describe("word lists", () => {
  it("finds words whatever their accents or case, and not misspellings", async () => {
    const { WordList, dictionary } = await import("./dictionary.js");
    const list = WordList.from(["élection", "Bureau", "vote"]);
    expect(list.has("election")).toBe(true);
    expect(list.has("BUREAU")).toBe(true);
    expect(list.has("elect")).toBe(false);
    expect(dictionary("en").has("shift")).toBe(true);
    expect(dictionary("en").has("univeristies")).toBe(false);
    expect(dictionary("fr").has("meteo")).toBe(true);
  });
});

describe("analysed terms", () => {
  it("drops the particles of phrasal verbs ('find out', 'sign up') as function words", async () => {
    const { terms } = await import("./analyze.js");
    expect(terms("how do I find out which riding I am in", "en")).toEqual(["ride"]);
  });
});
