import { terms } from "./analyze.js";
import type { Lang } from "../contract/envelope.js";

/**
 * Times of day as voters write them: "8h", "19h30", "20 h", "7:45 pm", "8 p.m.", "10am".
 * A time frames the question ("I'm in line at 8 p.m.") rather than asking about a figure
 * the corpus must contain, so its digits are not "unknown figures".
 */
const CLOCK = /\b\d{1,2}\s?h(?:\s?\d{2})?\b|\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b/giu;

/** The analysed terms that belong to time-of-day expressions in `text` (including "pm"). */
export function clockTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const m of text.match(CLOCK) ?? []) for (const t of terms(m, lang)) out.add(t);
  return out;
}
