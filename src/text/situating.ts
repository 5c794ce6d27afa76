import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";

/**
 * Words that say who is asking or on whose behalf ("my mom", "mon frère", "my kids") and
 * chat-speak fillers and greetings the stop-word list does not hold ("im", "jai", "pis", "koi",
 * "now", "slt"),
 * degree words ("best", "max", "tout le monde") and time conjunctions ("while", "pendant").
 * Absent from the corpus, they would make a question look as if it asked about something
 * the corpus never mentions; they situate it instead, like names and times of day.
 */
/** The people a voter speaks of (also what a count of people counts: "3 kids", see ages.ts). */
export const PEOPLE = `
  mom mother mum dad father parent parents brother sister son daughter kid kids child children husband wife partner
  grandmother grandfather grandma grandpa grandparent friend friends neighbour neighbor roommate boss coworker colleague
  cousin uncle aunt baby spouse girlfriend boyfriend
  mère mere père pere parents frère frere soeur sœur fils fille enfant enfants mari femme conjoint conjointe blonde chum
  grand-mère grand-père grand-maman grand-papa ami amie amis voisin voisine coloc colocataire patron patronne collègue
  cousin cousine oncle tante bébé doctor médecin medecin nurse infirmière infirmier
  brothers sisters sons daughters grandchildren grandkids roommates neighbours neighbors
  frères freres soeurs sœurs filles amies voisins voisines colocs petits-enfants`;

const SITUATING = `${PEOPLE}
  im i'm ive i've jai j'ai pis koi quon cest chu hw wen wat what whats isnt cant can't dont don't didnt wont ll
  dun jpeux jsuis jfais jvais jveux faque her his him hers now yet r u ur tu ya
  slt bjr bsr coucou stp pls plz thx
  best worst max maximum min minimum most least everyone everybody monde meilleur meilleure pire
  while during until since pendant jusqu jusque depuis durant lorsque
`;

const cache = new Map<Lang, Set<string>>();

/** Analysed terms of the situating words for a language (stemmed as the corpus is). */
export function situatingTerms(lang: Lang): Set<string> {
  let set = cache.get(lang);
  if (!set) {
    set = new Set(SITUATING.split(/\s+/).filter((w) => w.length > 0).flatMap((w) => terms(w, lang)));
    cache.set(lang, set);
  }
  return set;
}
