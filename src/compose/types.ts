import type { Citation, Lang } from "../contract/envelope.js";
import type { Hit, Retrieval } from "../retrieve/retrieve.js";

export interface ComposeInput {
  question: string;
  lang: Lang;
  /** Retrieved passages, best first; the composer may cite only these. */
  hits: readonly Hit[];
  /** Earlier (redacted) questions of the same conversation, oldest first. */
  history: readonly string[];
  /** Term weight (IDF); rare words say more about what the voter asks. Defaults to 1. */
  weight?: (term: string) => number;
  /**
   * What the retriever learnt of the question's words (unknown to the corpus, situating,
   * misspelt). With it, the extractive composer abstains when its sentences miss what the
   * question is about (text/focus.ts); without it, that check is skipped.
   */
  signals?: Pick<Retrieval, "unknownTerms" | "neutralTerms" | "corrections">;
  signal?: AbortSignal;
}

/** What a composer proposes; the pipeline verifies it before anyone sees it as final. */
export interface Composition {
  kind: "answer" | "abstain";
  /** Answer body with [n] markers (no label or official line: the sealer adds them). */
  body: string;
  citations: Citation[];
  generator: "extractive" | "llm";
  model: string;
  promptVersion: string;
  /**
   * Which of the composer's own checks made it abstain ("focus", "quantity", "local-detail"…),
   * for the audit trail: a name made by code, never words of the question.
   */
  abstainedOn?: string;
}

export interface Composer {
  readonly name: "extractive" | "llm";
  /**
   * `onDelta` receives body text as it becomes safe to show; `ahead`, when given, is text
   * already received after it but still held (the start of a word still arriving), which
   * the output screen may read to rule a phrase out sooner but must not show.
   */
  compose(input: ComposeInput, onDelta?: (delta: string, ahead?: string) => void): Promise<Composition>;
}
