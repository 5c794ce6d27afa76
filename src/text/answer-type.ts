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

/**
 * Asks for a detail that belongs to one office, place or riding: its phone number, address,
 * name, opening hours, waiting time, count or result. General sources cannot hold it for a
 * place they never name ("the phone number of the returning officer in Gatineau").
 */
const ASKS_LOCAL_DETAIL =
  /\b(?:telephone|phone|numero de tel\w*|number for|number of the|adresse exacte|exact address|l'adresse (?:du|de la|de l')|the address of|nom (?:du|de la|de l')|name of|qui a gagne|who won|gagnant|winner|resultats? (?:dans|de|a|in|for)|results? (?:in|for|of)|how many|combien|a quelle heure ouvre|what time does|heures d'ouverture|opening hours|ouvert le|open on|temps d'attente|wait(?:ing)? time|average wait|attendre en moyenne|(?:school|room|building|street) (?:name|number)|numero (?:de|du) (?:local|salle|porte)|nom de (?:l'ecole|la salle|l'edifice)|quelle? (?:ecole|salle|local|edifice)|which (?:school|room|building)|ou exactement|where exactly)\b/;

/** Whether the voter gave a street address (redacted before the composer sees it). */
export function givesAddress(question: string): boolean {
  return /\[ADDRESS\]/.test(question);
}

/**
 * A building named as the voter's polling place — "the Saint-Laurent community centre",
 * « l'école Saint-Jean-Baptiste », "Rosemont arena" — rather than a kind of place. Which
 * building hosts which poll is decided election by election and is on the voter's notice;
 * general sources never name it, so whatever is asked about it (ramps, parking, heating) is
 * that building's own detail. Campuses, CHSLDs and hospitals are left out: the sources have
 * rules of their own for voting there. Returns the building's name, or null.
 */
export function namedVenue(question: string): string | null {
  const q = question.replace(/[’`]/g, "'");
  const name = "(?<name>\\p{Lu}[\\p{L}'-]+(?:[ -](?:de |du |des )?\\p{Lu}[\\p{L}'-]+){0,3})";
  for (const re of [new RegExp(`(?<!\\p{L})(?:community cent(?:re|er)|recreation cent(?:re|er)|sports? cent(?:re|er)|centre communautaire|centre sportif|centre des loisirs|centre culturel|[ée]cole(?: primaire| secondaire)?|aréna|arena|[ée]glise|gymnase|biblioth[èe]que|salle paroissiale|sous-sol de l'[ée]glise)\\s+(?:de |du |des |d')?${name}`, "u"), new RegExp(`${name}\\s+(?:community cent(?:re|er)|recreation cent(?:re|er)|sports? cent(?:re|er)|school(?! board)|arena|church|library|(?:parish |town |church )?hall)(?!\\p{L})`, "u")]) {
    const m = re.exec(q);
    if (m?.groups?.name) return m.groups.name;
  }
  return null;
}

/**
 * Asks about a building's facilities: access, parking, toilets, temperature, connection, its
 * hours, its rooms or its entrance. Of a named building (see namedVenue) that is its own
 * detail; a question that only mentions where the voter votes ("I vote at the Rosemont arena,
 * do I need my card?") asks a general one.
 */
const ASKS_FACILITY =
  /\b(?:accessib\w*|wheelchair|fauteuil|chaise roulante|ramps?|rampes?|elevators?|ascenseurs?|lifts?|stairs?|escaliers?|marches|parking|stationnement|park|toilets?|toilettes?|washrooms?|bathrooms?|restrooms?|heat\w*|chauff\w*|air.condition\w*|climatis\w*|wifi|wi-fi|open|opens|ouvert\w*|hours?|heures?|address|adresse|rooms?|salles?|local|entrances?|entree|doors?|portes?)\b/;

export function asksFacility(question: string): boolean {
  return ASKS_FACILITY.test(fold(question).replace(/[’`]/g, "'"));
}

export function asksLocalDetail(question: string): boolean {
  // A redaction placeholder ("mon numéro est [PHONE]") is what the voter gave, not what they ask.
  return ASKS_LOCAL_DETAIL.test(fold(question.replace(/\[[A-Z_]+\]/g, " ")).replace(/[’`]/g, "'"));
}
