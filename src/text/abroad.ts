import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import type { Lang } from "../contract/envelope.js";
import { COUNTRIES, PROVINCES } from "../guard/lexicon.js";
import { fold, terms } from "./analyze.js";

/**
 * Places outside Québec a voter may be in or going to: every country in French and English
 * (i18n-iso-countries: ISO 3166 names with the usual alternates, "United States", "USA",
 * "Turkey"), the short forms voters use that ISO lacks ("États-Unis", "Angleterre",
 * "Europe": the guard's list) and the other provinces and territories. Canada is not abroad.
 * A voter writes them in lower case as often as not ("au mexique"), so they are not caught
 * as names.
 */
function placeNames(): string[] {
  const iso = [en, fr].flatMap((l) => Object.entries(l.countries as Record<string, string | string[]>))
    .filter(([code]) => code !== "CA")
    .flatMap(([, names]) => (Array.isArray(names) ? names : [names]));
  const names = new Set([...iso, ...COUNTRIES, ...PROVINCES].map((n) => fold(n).replace(/[’`]/g, "'")));
  // Two-letter codes ("US", "UK") fold to words ("us") or say too little. Québec's own places
  // are full of saints ("Saint-Barthélemy", "Sainte-Lucie-des-Laurentides", "Sainte-Hélène"),
  // and some countries are first names ("Dominique", "Maurice", "Chad", "Jordan").
  return [...names].filter((n) => n.replace(/[^a-z]/g, "").length > 2 && !n.includes(",") && !/^(?:saint|sainte|st)\b/.test(n) && !PEOPLE_NAMES.has(n));
}

const PEOPLE_NAMES = new Set(["dominique", "maurice", "chad", "jordan"]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[- ]/g, "[- ]");

let placeRe: RegExp | null = null;
let stayRe: RegExp | null = null;

function places(): string {
  // Longest first, so that "nouvelle-zelande" wins over "zelande".
  return placeNames().sort((a, b) => b.length - a.length).map(escape).join("|");
}

/** A place outside Québec in folded text, on word boundaries. */
function placeRegex(): RegExp {
  return (placeRe ??= new RegExp(`(?<![\\p{L}-])(?:${places()})(?![\\p{L}-])`, "gu"));
}

/**
 * Being in or going to a place outside Québec ("en vacances au Mexique", "je pars en
 * France", "I'm in Florida", "moving to Ontario", "vote from Mexico"): the electors-outside-Québec
 * rules apply. Matched on folded text (see retrieve/expand.ts).
 * Being born there or coming from there is not ("né au Maroc", "born in Haiti", "from
 * France"): that is about citizenship or domicile, not about voting from away.
 */
export function stayAbroadPattern(): RegExp {
  return (stayRe ??= new RegExp(`(?<!\\b(?:nee?s?|born|raised|grew up|eleve|elevee|grandi) )(?:\\b(?:en|au|aux|a|in|to)|\\b(?:vote|votes|voting|voter) (?:from|depuis|de))\\s+(?:the\\s+)?(?:${places()})(?![\\p{L}-])`, "u"));
}

/** The analysed terms of the places outside Québec that `text` names. */
export function abroadTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const m of fold(text).replace(/[’`]/g, "'").match(placeRegex()) ?? []) for (const t of terms(m, lang)) out.add(t);
  return out;
}
