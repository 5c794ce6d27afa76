import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";

/**
 * Inflections of the auxiliary and modal verbs that the stop-word list does not hold: it has
 * "peux", "faut", "vais", "fait", but a voter also writes "pouvoir", "va", "faudrait",
 * "fasse", "gonna". They carry the question's grammar (tense, mood, "can I", "do I have to"),
 * never what it asks about, so they count neither as known nor as covered. Kept out of the
 * stop words because those also shape the index.
 */
const AUXILIARIES: Record<Lang, string> = {
  fr: `pouvoir pourrai pourras pourra pourrons pourrez pourront pourrais pourrait pourrions pourriez pourraient
    puisse puisses puissent pouvons peuvent pouvait pouvais
    devoir devrai devras devra devrons devrez devront devrais devrait devrions devriez devraient doivent devons devait doive
    falloir faudra faudrait fallait faille
    va vas allons allez vont irai iras ira irons irez iront irais irait aille allait
    fais faisons faites font ferai feras fera ferons ferez feront ferais ferait fasse fasses fassent faisait
    voulons voulez veulent voudrait voulait
    sera serai seras serons serez seront serais serait soit sois soient etait etais avait avais aura aurai auras aurait aurais`,
  en: `gonna gotta wanna hafta`,
};

const cache = new Map<Lang, Set<string>>();

/** Analysed terms of the auxiliary and modal verb forms of a language. */
export function auxiliaryTerms(lang: Lang): Set<string> {
  let set = cache.get(lang);
  if (!set) {
    set = new Set(terms(AUXILIARIES[lang], lang));
    cache.set(lang, set);
  }
  return set;
}
