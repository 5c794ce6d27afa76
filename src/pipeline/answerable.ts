import type { Retrieval } from "../retrieve/retrieve.js";

export interface Answerability {
  answerable: boolean;
  reason: string;
}

/**
 * Whether the retrieved passages can plausibly answer: abstaining beats guessing. A
 * question whose key words the corpus has never seen (a street number, a year, "parking")
 * or whose best passages share too few of its words is not answered from the corpus.
 * What situates a question without changing what it asks — names, times of day, ages, places
 * abroad, the people a voter speaks of, redacted details — and a misspelt word, which counts
 * as the word it stands for, are reported by the retriever (see `neutralTerms` and
 * `corrections`) and left out of its shares: they do not make the question unanswerable.
 */
export function assessAnswerability(r: Retrieval): Answerability {
  if (r.hits.length === 0) return { answerable: false, reason: "no passage retrieved" };
  const neutral = new Set(r.neutralTerms);
  const unknownFigures = r.unknownTerms.filter((t) => /\d/.test(t) && !neutral.has(t));
  if (unknownFigures.length > 0) return { answerable: false, reason: `figures absent from the corpus: ${unknownFigures.length}` };
  if (r.knownTermShare < 0.5) return { answerable: false, reason: `known term share ${r.knownTermShare.toFixed(2)} < 0.5` };
  if (r.topCoverage < 0.3) return { answerable: false, reason: `top passages cover ${r.topCoverage.toFixed(2)} < 0.3 of the question` };
  return { answerable: true, reason: "ok" };
}
