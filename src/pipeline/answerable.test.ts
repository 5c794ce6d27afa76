import { describe, expect, it } from "vitest";
import type { Chunk } from "../ingest/chunk.js";
import type { Retrieval } from "../retrieve/retrieve.js";
import { assessAnswerability } from "./answerable.js";

const chunk: Chunk = { id: "d:0", docId: "d", slug: "d", lang: "en", title: "T", heading: "H", url: "https://www.electionsquebec.qc.ca/", scope: "provincial", text: "Text." };
const retrieval = (over: Partial<Retrieval>): Retrieval => ({
  query: "q", expandedQuery: "q", hits: [{ chunk, score: 1, bm25: { rank: 1, score: 1 }, vector: { rank: 1, score: 1 } }],
  knownTermShare: 1, topCoverage: 1, unknownTerms: [], neutralTerms: [], corrections: {}, ...over,
});

describe("answerability gate", () => {
  it("abstains on a figure the corpus has never seen, such as a street number or a year", () => {
    expect(assessAnswerability(retrieval({ unknownTerms: ["4821"] })).answerable).toBe(false);
  });

  it("does not abstain on a time of day the retriever reports as neutral", () => {
    expect(assessAnswerability(retrieval({ unknownTerms: ["19h30"], neutralTerms: ["19h30"] })).answerable).toBe(true);
  });

  it("abstains when too few of the question's words are known or the best passages cover too little", () => {
    expect(assessAnswerability(retrieval({ knownTermShare: 0.4 })).reason).toMatch(/known term share/);
    expect(assessAnswerability(retrieval({ topCoverage: 0.2 })).reason).toMatch(/passages cover/);
  });

  it("abstains when nothing was retrieved", () => {
    expect(assessAnswerability(retrieval({ hits: [] })).answerable).toBe(false);
  });
});
