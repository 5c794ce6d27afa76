import type { Premise } from "./premise.js";
import type { Lang } from "../contract/envelope.js";

/** What the question is about; only `in_scope` reaches retrieval. */
export type Category =
  | "in_scope"
  | "partisan"
  | "candidate_opinion"
  | "prediction"
  | "federal"
  | "other_jurisdiction"
  | "unrelated"
  | "injection";

/** One named check's verdict: each becomes a field of the audit record. */
export interface Verdict {
  name: string;
  triggered: boolean;
  category?: Category;
  detail?: string;
  /** The check itself failed (e.g. the LLM classifier was unreachable); `detail` says why. */
  error?: boolean;
}

export interface GuardResult {
  category: Category;
  verdicts: Verdict[];
  /** The question with personal information replaced by [KIND] placeholders. */
  redacted: string;
  piiKinds: string[];
  lang: Lang;
  /** The conversation's earlier questions minus those the rules refuse: what the composer may see. */
  safeHistory: string[];
  /** The misinformation the question is built on, if any (premise.ts). */
  premise?: Premise;
}
