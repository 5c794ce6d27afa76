import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "./analyze.js";
import { PEOPLE } from "./situating.js";
import { execAll } from "./exec-all.js";

/**
 * A person's age ("ma mère a 89 ans", "my grandmother is 92", "a 17-year-old") and a count
 * of the people a voter speaks of ("3 kids", "mes 2 enfants") describe who is asking, not
 * what: the corpus states one age rule (18 years), never every age, so such a figure being
 * absent from it does not mean the sources cannot answer. A figure that is not tied to a
 * person — a street number, a year, a duration ("depuis 3 ans"), a distance ("92 km") — is
 * left alone: the gate still abstains on it when the corpus lacks it.
 *
 * "Can I vote at 16?" is an age too: the corpus answers it with the age rule, so the figure
 * must not make the gate abstain (the answer states 18, which answers the question).
 */
const N = String.raw`(\d{1,3})`;
/** After an age in English: the end of the clause, or "years (old)". */
const EN_END = String.raw`(?=\s*(?:$|[,.;:!?)]|and\b|but\b|so\b|now\b|years?\b|yrs?\b))`;
const AGE: Record<Lang, RegExp[]> = {
  fr: [
    // "a 89 ans", "j'ai 17 ans", "aura 18 ans", "âgée de 92 ans", "voter à 16 ans"; not "il y a 3 ans".
    new RegExp(String.raw`(?:(?<!\by )\b(?:a|ai|as|avait|aura|aurai|auras|auront|ont|avoir)|\bagee?s? de)\s+${N}\s*ans\b`, "g"),
  ],
  en: [
    new RegExp(String.raw`\b${N}[\s-]*(?:years?|yrs?)[\s-]*old\b|\b${N}\s*y\.?o\b`, "g"),
    new RegExp(String.raw`\baged?\s+(?:of\s+)?${N}\b`, "g"),
    // "she is 92", "I'm 17", "he turns 18", "vote at 16?".
    new RegExp(String.raw`(?:\b(?:is|am|are|was|be|i'm|im|he's|she's|they're|turns?|turning|turned)|\bat)\s+${N}${EN_END}`, "g"),
  ],
};

let countOfPeople: RegExp | null = null;

/**
 * "3 kids", "mes 2 enfants": a figure right before one of the people a voter speaks of;
 * "mon fils de 17 ans": an age right after one.
 */
function aboutPeople(): RegExp {
  if (countOfPeople) return countOfPeople;
  // Built once: folding the word list on every question cost more than the matching.
  const people = PEOPLE.split(/\s+/).filter(Boolean).map((w) => fold(w).replace(/[-]/g, "[- ]?")).join("|");
  countOfPeople = new RegExp(String.raw`\b(\d{1,2})\s+(?:${people})\b|\b(?:${people})\s+(?:de|of)\s+(\d{1,3})\b`, "g");
  return countOfPeople;
}

/** The figures of `text` that give a person's age or count people, as analysed terms. */
export function ageTerms(text: string, lang: Lang): Set<string> {
  const f = fold(text).replace(/[’`]/g, "'");
  const out = new Set<string>();
  for (const re of [...AGE[lang], aboutPeople()]) {
    for (const m of execAll(re, f)) {
      const figure = m.slice(1).find((g) => g !== undefined);
      if (figure && Number(figure) <= 130) for (const t of terms(figure, lang)) out.add(t);
    }
  }
  return out;
}
