import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";

/**
 * Lower-case words without a vowel ("slt", "vrm", "bcp", "stp", "thx", "pls") are chat-speak
 * abbreviations: greetings and intensifiers that situate a message, never its topic, since
 * French and English content words all have a vowel. An upper-case acronym ("CLSC") is kept.
 */
export function chatAbbreviations(question: string, lang: Lang): string[] {
  return (question.match(/(?<![\p{L}\d])[\p{Ll}]{2,5}(?![\p{L}\d])/gu) ?? []).filter((w) => !/[aeiouyàâéèêëîïôûùü]/.test(w)).flatMap((w) => terms(w, lang));
}
