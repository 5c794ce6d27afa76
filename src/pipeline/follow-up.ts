import type { Lang } from "../contract/envelope.js";
import { terms } from "../text/analyze.js";

const ANAPHORA = /^\s*(et|mais|pis|puis|alors|ok|d'accord|and|but|what about|how about|what if|so|also)\b|\b(ça|ca|cela|celle-ci|celui-ci|celle-là|celui-là|un autre|une autre|plutôt|it|that|this one|those|them|there|là|one|ones|another|instead|else)\b/i;

/**
 * The text to search for: a short or anaphoric follow-up ("and without one?") is
 * searched together with the conversation's previous question.
 */
export function retrievalQueryFor(question: string, history: readonly string[], lang: Lang): string {
  const last = history[history.length - 1];
  if (!last) return question;
  return terms(question, lang).length <= 4 || ANAPHORA.test(question) ? `${last} ${question}` : question;
}
