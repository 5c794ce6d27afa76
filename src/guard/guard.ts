import type { Lang } from "../contract/envelope.js";
import { detectLang } from "../text/analyze.js";
import { redactPii } from "./pii.js";
import { classifyScope } from "./scope.js";
import type { Category, GuardResult, Verdict } from "./types.js";

/**
 * An optional second opinion (an LLM classifier when a model is configured). Its verdict
 * can only make the answer more cautious: it may turn "in scope" into a refusal, never
 * the reverse.
 */
export interface ScopeClassifier {
  classify(redactedQuestion: string, lang: Lang): Promise<Category>;
}

/** Redacts, classifies and returns every named verdict; the first triggered category wins. */
export async function guardQuestion(
  question: string,
  requestedLang: Lang | undefined,
  classifier?: ScopeClassifier,
  history: readonly string[] = [],
): Promise<GuardResult> {
  const lang = requestedLang ?? detectLang(question);
  const { text: redacted, kinds } = redactPii(question);
  const verdicts: Verdict[] = [{ name: "privacy.pii", triggered: kinds.length > 0, ...(kinds.length ? { detail: kinds.join(",") } : {}) }];
  verdicts.push(...classifyScope(redacted, history[history.length - 1] ?? ""));
  let category: Category = verdicts.find((v) => v.triggered && v.category)?.category ?? "in_scope";
  if (category === "in_scope" && classifier) {
    const second = await classifier.classify(redacted, lang).catch(() => "in_scope" as const);
    verdicts.push({ name: "scope.llm_classifier", triggered: second !== "in_scope", category: second });
    if (second !== "in_scope") category = second;
  }
  return { category, verdicts, redacted, piiKinds: kinds, lang };
}
