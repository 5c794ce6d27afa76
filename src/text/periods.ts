import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "./analyze.js";

const MONTH = "(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)";
const SEASON = "(?:annee|annees|an|ans|hiver|hivers|ete|etes|automne|automnes|printemps|year|years|winter|winters|summer|summers|fall|autumn|spring)";

/**
 * A span of months the voter is away or busy ("de septembre à avril", "from November to
 * March", "between October and May") and a habit ("comme chaque année", "every winter", "tous
 * les hivers"): they say when the voter's situation holds, not what is asked. The sources
 * answer the situation (voting from outside Québec, by mail) by its rule, never by these
 * months. A single month ("c'est en octobre?", "in October") may be what is asked, and stays.
 */
const PERIOD = new RegExp(
  `(?<![\\p{L}])(?:(?:de\\s+|d'|du mois de\\s+|from\\s+|between\\s+)${MONTH}\\s+(?:a|au|jusqu'(?:a|en)|to|until|till|through|and|et)\\s+${MONTH}|(?:comme\\s+)?(?:chaque|tous les|toutes les)\\s+${SEASON}|(?:(?:like|as)\\s+)?(?:every|each)\\s+${SEASON})(?![\\p{L}])`,
  "gu",
);

/** The analysed terms of the periods that situate `text`. */
export function periodTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const m of fold(text).replace(/[’`]/g, "'").match(PERIOD) ?? []) for (const t of terms(m, lang)) out.add(t);
  return out;
}
