import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";

/** What src/guard/pii.ts leaves in place of a personal detail: "[SIN]", "[PHONE]", "[ADDRESS]". */
const PLACEHOLDER = /\[[A-Z_]+\]/g;

/**
 * Terms that only the redaction placeholders brought into the question ("sin" of "[SIN]",
 * "health" and "card" of "[HEALTH_CARD]"). They are our words, not the voter's, and they
 * stand for the voter's own data, which is never what a voter asks the sources about ("my
 * SIN is [SIN], do I need it to vote?" asks about the ID rules). A term the voter also
 * wrote outside a placeholder ("my address is [ADDRESS]") stays theirs.
 */
export function redactionTerms(text: string, lang: Lang): Set<string> {
  const placeholders = text.match(PLACEHOLDER) ?? [];
  if (placeholders.length === 0) return new Set();
  const own = new Set(terms(text.replace(PLACEHOLDER, " "), lang));
  return new Set(placeholders.flatMap((p) => terms(p.replace(/_/g, " "), lang)).filter((t) => !own.has(t)));
}
