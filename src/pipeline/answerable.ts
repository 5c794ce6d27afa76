import type { Retrieval } from "../retrieve/retrieve.js";

export interface Answerability {
  answerable: boolean;
  reason: string;
}

/**
 * Whether the retrieved passages can plausibly answer: abstaining beats guessing. A
 * question whose key words the corpus has never seen (a street, a year, "parking") or
 * whose best passage shares too few of its words is not answered from the corpus.
 */
export function assessAnswerability(r: Retrieval): Answerability {
  if (r.hits.length === 0) return { answerable: false, reason: "no passage retrieved" };
  const unknownFigures = r.unknownTerms.filter((t) => /\d/.test(t));
  if (unknownFigures.length > 0) return { answerable: false, reason: `figures absent from the corpus: ${unknownFigures.length}` };
  if (r.knownTermShare < 0.5) return { answerable: false, reason: `known term share ${r.knownTermShare.toFixed(2)} < 0.5` };
  if (r.topCoverage < 0.3) return { answerable: false, reason: `top passage covers ${r.topCoverage.toFixed(2)} < 0.3 of the question` };
  return { answerable: true, reason: "ok" };
}
