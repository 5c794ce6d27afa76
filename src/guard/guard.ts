import { boundedMemo } from "../text/bounded-memo.js";
import type { Lang } from "../contract/envelope.js";
import { detectLang } from "../text/analyze.js";
import { redactPii } from "./pii.js";
import { classify, classifyScope } from "./scope.js";
import type { Category, GuardResult, Verdict } from "./types.js";

/**
 * An optional second opinion (an LLM classifier when a model is configured). Its verdict
 * can only make the answer more cautious: it may turn "in scope" into a refusal, never
 * the reverse. It receives the redacted question only.
 */
export interface ScopeClassifier {
  classify(redactedQuestion: string, lang: Lang): Promise<Category>;
}

/** When several rules fire, the most cautious refusal wins. */
const PRECEDENCE: Category[] = ["injection", "partisan", "candidate_opinion", "prediction", "federal", "other_jurisdiction", "unrelated"];

/** Redacts, classifies and returns every named verdict. */
export async function guardQuestion(
  question: string,
  requestedLang: Lang | undefined,
  classifier?: ScopeClassifier,
  history: readonly string[] = [],
): Promise<GuardResult> {
  const lang = requestedLang ?? detectLang(question);
  const { text: redacted, kinds } = redactPii(question);
  const verdicts: Verdict[] = [{ name: "privacy.pii", triggered: kinds.length > 0, ...(kinds.length ? { detail: kinds.join(",") } : {}) }];
  const scope = classify(redacted, history);
  verdicts.push(...scope.verdicts);
  const fired = new Set(verdicts.filter((v) => v.triggered && v.category).map((v) => v.category));
  let category: Category = PRECEDENCE.find((c) => fired.has(c)) ?? "in_scope";
  if (category === "in_scope" && classifier) {
    try {
      const second = await classifier.classify(redacted, lang);
      verdicts.push({ name: "scope.llm_classifier", triggered: second !== "in_scope", category: second });
      if (second !== "in_scope") category = second;
    } catch (err) {
      // A failed second opinion leaves the rules' verdict, and says so in the audit record.
      verdicts.push({ name: "scope.llm_classifier", triggered: false, error: true, detail: `error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200) });
    }
  }
  // Earlier turns the rules refuse (an injection attempt, a request for a prediction…) are
  // not handed to follow-up retrieval or the composer as context.
  const safeHistory = history.filter((h) => !rulesRefuse(h));
  return { category, verdicts, redacted, piiKinds: kinds, lang, safeHistory, ...(scope.premise ? { premise: scope.premise } : {}) };
}

const EARLIER_MAX = 4096;

/**
 * Whether the rules refuse an earlier turn. A conversation's last questions come back with
 * every new turn, so each one's verdict is kept (bounded, like the other text caches) rather
 * than classified again on each of them.
 */
const rulesRefuse = boundedMemo(EARLIER_MAX, (question: string) => classifyScope(question).some((v) => v.triggered && v.category !== undefined));
