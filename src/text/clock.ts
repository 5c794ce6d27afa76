import { terms } from "./analyze.js";
import type { Lang } from "../contract/envelope.js";

/**
 * Times of day as voters write them: "8h", "19h30", "20 h", "7:45 pm", "8 p.m.", "10am", with the
 * word that makes them exact ("20h pile", "8 pm sharp").
 * A time frames the question ("I'm in line at 8 p.m.") rather than asking about a figure
 * the corpus must contain, so its digits are not "unknown figures".
 */
const TIME = String.raw`\b\d{1,2}\s?h(?:\s?\d{2})?\b|\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b`;
/** "20h pile", "8 p.m. sharp", "19 h tapant", "20 h précises": the word only says "exactly". */
const EXACTLY = String.raw`(?:\s+(?:pile|tapant|tapantes|precises|précises|juste|sharp|exactly|on the dot))?`;
const CLOCK = new RegExp(`(?:${TIME})${EXACTLY}`, "giu");

/** The analysed terms that belong to time-of-day expressions in `text` (including "pm"). */
export function clockTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const m of text.match(CLOCK) ?? []) for (const t of terms(m, lang)) out.add(t);
  return out;
}
