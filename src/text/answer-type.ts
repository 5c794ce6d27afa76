import { fold } from "./analyze.js";

/**
 * What kind of reply a question calls for, when its wording says so plainly. "How many",
 * "combien", "what does it cost" ask for a quantity: an answer without one answers a
 * neighbouring question ("who runs elections" for "how much does an election cost").
 */
const ASKS_QUANTITY =
  /\b(?:combien|how (?:many|much|long)|quel(?:le)? (?:est (?:le|la) )?(?:cout|prix|salaire|montant|nombre|budget|duree)|(?:what|how) (?:is|was|'s|are) the (?:cost|price|salary|amount|number|budget|average)|(?:cost|costs|coute|coutent|coutera) (?:to|de|pour)?)\b/;

/** Digits, or a number written out (not "un"/"one", which are mostly articles and pronouns). */
const QUANTITY =
  /\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent|cents|mille|million|millions|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|half|moitie|demi|aucun|aucune|none|no one)\b/;

export function asksQuantity(question: string): boolean {
  return ASKS_QUANTITY.test(fold(question).replace(/[’`]/g, "'"));
}

export function statesQuantity(text: string): boolean {
  return QUANTITY.test(fold(text));
}
