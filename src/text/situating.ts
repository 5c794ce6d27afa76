import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "./analyze.js";

/**
 * Words that say who is asking or on whose behalf ("my mom", "mon frère", "my kids") and
 * chat-speak fillers and greetings the stop-word list does not hold ("im", "jai", "pis", "koi",
 * "now", "slt"), degree words ("best", "max", "tout le monde") and time conjunctions ("while",
 * "pendant"). Absent from the corpus, they would make a question look as if it asked about
 * something the corpus never mentions; they situate it instead, like names and times of day.
 */
const WORDS: Record<Lang, { people: string; other: string }> = {
  en: {
    people: `mom mother mum dad father parent parents brother sister son daughter kid kids child children husband wife partner
      grandmother grandfather grandma grandpa grandparent friend friends neighbour neighbor roommate boss coworker colleague
      cousin uncle aunt baby spouse girlfriend boyfriend doctor nurse
      brothers sisters sons daughters grandchildren grandkids roommates neighbours neighbors`,
    other: `im i'm ive i've hw wen wat what whats isnt cant can't dont don't didnt wont ll her his him hers now yet r u ur ya
      pls plz thx
      best worst max maximum min minimum most least everyone everybody
      while during until since`,
  },
  fr: {
    people: `mère mere père pere parents frère frere soeur sœur fils fille enfant enfants mari femme conjoint conjointe blonde chum
      grand-mère grand-père grand-maman grand-papa ami amie amis voisin voisine coloc colocataire patron patronne collègue
      cousin cousine oncle tante bébé médecin medecin infirmière infirmier
      frères freres soeurs sœurs filles amies voisins voisines colocs petits-enfants`,
    other: `jai j'ai pis koi quon cest chu dun jpeux jsuis jfais jvais jveux faque tu ya
      slt bjr bsr coucou stp
      monde meilleur meilleure pire
      pendant jusqu jusque depuis durant lorsque`,
  },
};

const list = (s: string) => s.split(/\s+/).filter((w) => w.length > 0);

/** The people a voter speaks of, in both languages (also what a count of people counts: "3 kids", see ages.ts). */
export const PEOPLE = `${WORDS.en.people} ${WORDS.fr.people}`;

const cache = new Map<Lang, Set<string>>();

/**
 * Analysed terms of the situating words for a language (stemmed as the corpus is). Voters mix
 * languages ("my chum", "ma wife"), so the other language's words count too, but only those
 * the stemmer leaves whole: a stem cut from a foreign word is a guess that meets real words
 * ("wife" cut by the French stemmer is "wif", the stem of "wifi"; "fille" cut by the English
 * one is "fill", as in "fill out the ballot").
 */
export function situatingTerms(lang: Lang): Set<string> {
  let set = cache.get(lang);
  if (!set) {
    const other: Lang = lang === "fr" ? "en" : "fr";
    const own = list(`${WORDS[lang].people} ${WORDS[lang].other}`).flatMap((w) => terms(w, lang));
    const foreign = list(`${WORDS[other].people} ${WORDS[other].other}`).flatMap((w) => {
      const t = terms(w, lang);
      return t.length === 1 && t[0] === fold(w).replace(/'/g, "") ? t : [];
    });
    set = new Set([...own, ...foreign]);
    cache.set(lang, set);
  }
  return set;
}
