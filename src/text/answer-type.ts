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
 * The type of quantity a question asks for, when its wording names one. A figure of another
 * type answers another question: "how much does a poll clerk earn?" is not answered by "9:30
 * a.m.", nor "how many votes did the winner get?" by "45,700 electors", nor "what did the 2022
 * election cost?" by its date. An untyped "combien", "how long" or "what is the average" keeps
 * the plain check (any figure).
 * - money: a price, a cost, a pay or a refund asked with "how much" / « combien », or a salary,
 *   a wage, "per hour" (« combien ça paye », "how much do clerks get paid per hour");
 * - count: "how many <noun>", « combien de <noun> », "the number of <noun>": the noun counted;
 * - time: "at what time", « à quelle heure »: a time of day.
 */
export type AskedQuantity = { type: "money" } | { type: "count"; noun: string } | { type: "time" } | { type: "any" };

const MONEY_WORD = String.raw`(?:cout\w*|coute\w*|payes?|paye[er]?|payee?s?|paie\w*|salaires?|remunere\w*|remuneration|rembours\w*|prix|tarifs?|frais|budget|argent|dollars?|costs?|costing|price|prices|paid|pay|pays|earn\w*|make|makes|gagne|gagnent|salary|salaries|wages?|fees?|reimburs\w*|refund\w*|money|spent|spend)`;
const ASKS_MONEY = new RegExp(
  String.raw`\b(?:(?:combien|how much)\b(?:(?!\bde\b|\bd')[^?.!]){0,40}\b${MONEY_WORD}|${MONEY_WORD}\b[^?.!]{0,30}\b(?:combien|how much)|quel(?:le)? (?:est|etait|sera) (?:le|la) (?:cout|prix|salaire|remuneration|budget|tarif)|(?:what|how) (?:is|was|'s|are|were) the (?:cost|price|salary|salaries|wage|wages|pay|budget|fee|fees)|per hour|hourly|de l'heure|par heure|salaire minimum|minimum wage)\b`,
);
/**
 * The counted noun: "how many votes", « combien de votes », "le nombre d'électeurs"; after a
 * measure word, with what it measures ("pieces of ID", « sortes de pièces »).
 */
const ASKS_COUNT = /\b(?:how many|combien (?:de|d')|le nombre (?:de|d')|(?<!(?:phone|telephone|tel|fax|street|room|door|civic) )(?:the )?number of (?!(?:the|a|an|my|your|his|her|our|their|this|that)\b))\s*(?<noun>(?:(?:pieces|kinds|types|sorts|forms|pieces|sortes|genres|formes) (?:of |de |d')?)?[\p{L}-]{2,})/u;
const ASKS_TIME = /\b(?:a quelle heure|at what time|what time|(?:ouvre|ouvrent|ferme|ferment|opens?|closes?) (?:a quelle heure|when))\b/;

export function askedQuantity(question: string): AskedQuantity | null {
  const q = fold(question.replace(/\[[A-Z_]+\]/g, " ")).replace(/[’`]/g, "'");
  const any = ASKS_QUANTITY.test(q);
  if (ASKS_MONEY.test(q) || (any && new RegExp(`\\b${MONEY_WORD}\\b`).test(q))) return { type: "money" };
  const count = ASKS_COUNT.exec(q)?.groups?.noun;
  // "How many times" asks how often, "how much money" is money: neither counts a thing.
  if (count && !/^(?:times|fois|money|argent|temps|time)$/.test(count) && count.length >= 3) return { type: "count", noun: count };
  if (ASKS_TIME.test(q)) return { type: "time" };
  return any ? { type: "any" } : null;
}

/** An amount of money, or its absence ("free", « gratuit »), or a share of one ("50 %"). */
const MONEY = /\d[\d\s.,]*\s?(?:\$|dollars?|cents?|¢|%|pour cent|percent)|\$\s?\d|\b(?:gratuit\w*|free|free of charge|sans frais|aucun frais|no charge|no cost|sans cout|dollars?)\b/;
const TIME_OF_DAY = /\b\d{1,2}\s?h(?:\s?\d{2})?\b|\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\b|p\.?m\b)|\b\d{1,2}:\d{2}\b|\b(?:midi|minuit|noon|midnight)\b/;
/** A figure: digits (with their separators) or a number word (see QUANTITY). */
const FIGURE = /^(?:\d[\d\s.,]*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent|cents|mille|million|millions|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|aucun|aucune|none|one|single|seul|seule)$/;
/** Words that end the phrase a figure counts ("11 % of electors voted" counts electors, not votes). */
const BREAK = /^(?:of|de|d'|du|des|in|a|au|aux|on|en|pour|for|par|per|and|et|or|ou|with|avec|dans|who|qui|que|that|than)$/;

/**
 * Whether `text` states a quantity of the asked type. A count is stated by a figure followed,
 * within four words and no preposition or punctuation (a parenthesis aside), by the counted noun (`counted` returns the noun's
 * terms and its official ones; `termsOf` analyses a word the same way).
 */
export function statesAskedQuantity(asked: AskedQuantity, text: string, counted: readonly string[] = [], termsOf: (w: string) => string[] = (w) => [w]): boolean {
  const t = fold(text);
  switch (asked.type) {
    case "money":
      return MONEY.test(t);
    case "time":
      return TIME_OF_DAY.test(t);
    case "any":
      return QUANTITY.test(t);
    case "count": {
      const words = t.replace(/(\d)[\s,.](?=\d)/g, "$1").match(/[\p{L}\d'-]+|[^\s\p{L}\d]/gu) ?? [];
      const nouns = new Set(counted);
      for (let i = 0; i < words.length; i++) {
        if (!FIGURE.test(words[i]!)) continue;
        // A parenthesis glosses the noun ("125 electoral divisions (ridings)"); other punctuation ends it.
        for (const w of words.slice(i + 1).filter((x) => x !== "(" && x !== ")").slice(0, 4)) {
          if (BREAK.test(w) || /^[^\p{L}\d]$/u.test(w)) break;
          if (termsOf(w).some((x) => nouns.has(x))) return true;
        }
      }
      return false;
    }
  }
}

/**
 * Asks for a detail that belongs to one office, place or riding: its phone number, address,
 * name or the name of who holds it ("who is the returning officer for <riding>"), opening hours, waiting time, count or result. General sources cannot hold it for a
 * place they never name ("the phone number of the returning officer in Gatineau").
 */
const ASKS_LOCAL_DETAIL =
  /\b(?:telephone|phone|numero de tel\w*|number for|number of the|adresse exacte|exact address|l'adresse (?:du|de la|de l')|the address of|nom (?:du|de la|de l')|name of|qui a gagne|who won|gagnant|winner|resultats? (?:dans|de|a|in|for)|results? (?:in|for|of)|how many|combien|a quelle heure ouvre|(?:ouvre|ouvrent|ferme|ferment) a quelle heure|what time does|heures d'ouverture|horaires? (?:du|de la|de l'|des)|opening hours|(?:the )?hours (?:of|for)|what hours|who(?:'s| is| was) the|qui est (?:le|la|l')|c'est qui (?:le|la|l')|ouvert le|open on|temps d'attente|wait(?:ing)? time|average wait|attendre en moyenne|(?:school|room|building|street) (?:name|number)|numero (?:de|du) (?:local|salle|porte)|nom de (?:l'ecole|la salle|l'edifice)|quelle? (?:ecole|salle|local|edifice)|which (?:school|room|building)|ou exactement|where exactly)\b/;

/** Whether the voter gave a street address (redacted before the composer sees it). */
export function givesAddress(question: string): boolean {
  return /\[ADDRESS\]/.test(question);
}

const VENUE_NAME = "(?<name>\\p{Lu}[\\p{L}'-]+(?:[ -](?:de |du |des )?\\p{Lu}[\\p{L}'-]+){0,3})";
/** A kind of building before or after its name; built once (not global: exec keeps no state). */
const VENUE: readonly RegExp[] = [
  new RegExp(`(?<!\\p{L})(?:community cent(?:re|er)|recreation cent(?:re|er)|sports? cent(?:re|er)|centre communautaire|centre sportif|centre des loisirs|centre culturel|[ée]cole(?: primaire| secondaire)?|aréna|arena|[ée]glise|gymnase|biblioth[èe]que|salle paroissiale|sous-sol de l'[ée]glise)\\s+(?:de |du |des |d')?${VENUE_NAME}`, "u"),
  new RegExp(`${VENUE_NAME}\\s+(?:community cent(?:re|er)|recreation cent(?:re|er)|sports? cent(?:re|er)|school(?! board)|arena|church|library|(?:parish |town |church )?hall)(?!\\p{L})`, "u"),
];

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
  for (const re of VENUE) {
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
