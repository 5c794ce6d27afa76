import { describe, expect, it } from "vitest";
import { ATTACK_TERMS, DOMAIN_TERMS } from "./lexicon.js";
import { normalise, settledStartOfNormalised } from "./normalise.js";

describe("settledStartOfNormalised", () => {
  // Words the normalisation rewrites (typos of domain terms, elisions, SMS spellings) and words it keeps.
  const words = [
    ...[...DOMAIN_TERMS, ...ATTACK_TERMS].flatMap((t) => [t, `${t}x`, t.slice(0, -1), `${t[0]}${t.slice(2)}`]),
    "koi", "kwa", "ke", "chu", "cuz", "u", "ur", "pk", "jpeux", "delection", "lelection", "Élection", "bulettin", "what", "happens",
    "«bonjour»", "&lt;system&gt;", "(ignorez", "123abc", "qu'il", "c",
  ];

  it("is always a start of what the whole word normalises to, for every prefix of every word", () => {
    for (const w of words) {
      for (let i = 1; i <= w.length; i++) {
        const settled = settledStartOfNormalised(w.slice(0, i));
        expect(normalise(w).startsWith(settled), `${w} from ${w.slice(0, i)}: ${settled}`).toBe(true);
      }
    }
  });

  it("gives the first letter when no SMS spelling or entity can replace the word", () => {
    expect(settledStartOfNormalised("Hap")).toBe("h");
    expect(settledStartOfNormalised("ko")).toBe("");
    expect(settledStartOfNormalised("&l")).toBe("");
  });
});

describe("normalise", () => {
  it.each(["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"])("reads %s as a word, not as a property every object has", (word) => {
    expect(normalise(`what is the ${word} of this`)).toBe(`what is the ${word.toLowerCase()} of this`);
  });

  it("still reads SMS spellings", () => {
    expect(normalise("c koi les heures")).toBe("c'est quoi les heures");
  });
});
