import { describe, expect, it } from "vitest";
import type { Chunk } from "../ingest/chunk.js";
import type { Hit } from "../retrieve/retrieve.js";
import { extractEntities } from "./entities.js";
import { composeExtractive } from "./extractive.js";
import { verifyComposition } from "./verify.js";
import type { Composition } from "./types.js";
import { splitUnits } from "./units.js";

const chunk = (id: string, text: string, heading = "Section"): Chunk => ({
  id, docId: `${id.split(":")[0]}`, slug: "x", lang: "en", title: "Four hours to vote", heading,
  url: "https://www.electionsquebec.qc.ca/en/understand/four-hours/", scope: "provincial", text,
});
const hit = (c: Chunk): Hit => ({ chunk: c, score: 1, bm25: { rank: 1, score: 1 }, vector: { rank: 1, score: 1 } });
const hours = chunk("hours-en:0", "On polling day, polling stations are open from 9:30 a.m. to 8 p.m. Employers must give four consecutive hours to vote.");
const other = chunk("id-en:0", "Electors must show one of five identity documents.");
const answer = (body: string, citations: Composition["citations"]): Composition => ({ kind: "answer", body, citations, generator: "llm", model: "m", promptVersion: "p" });
const cite = (n: number, c: Chunk, quote = c.text.split(". ")[0]!): Composition["citations"][number] => ({ n, sourceId: c.docId, chunkId: c.id, title: c.title, url: c.url, quote });

describe("entity extraction", () => {
  it("finds URLs, phone numbers, figures and day names but not citation markers", () => {
    const kinds = extractEntities("Call 1-888-353-2846 or see https://vote.example.com/x on Tuesday, 5 October 2026 at 9:30 [2].").map((e) => `${e.kind}:${e.key}`);
    expect(kinds).toEqual(expect.arrayContaining(["phone:8883532846", "url:vote.example.com/x", "dayOrMonth:tuesday", "dayOrMonth:october", "number:5", "number:2026", "number:930"]));
    expect(kinds).not.toContain("number:2");
  });

  it("treats 9 h 30 and 9:30 as the same time", () => {
    expect(extractEntities("9 h 30").map((e) => e.key)).toEqual(extractEntities("9:30").map((e) => e.key));
  });
});

describe("sentence units", () => {
  it("keeps a list together with the sentence that introduces it", () => {
    const units = splitUnits("Intro here. You must show one of:\n- a passport;\n- a licence.\n\nLast one.", "en");
    expect(units).toEqual(["Intro here.", "You must show one of:\n- a passport;\n- a licence.", "Last one."]);
  });
});

describe("verification of a composed answer", () => {
  it("accepts an answer whose every fact is in the passage it cites", () => {
    expect(verifyComposition(answer("Polls are open from 9:30 a.m. to 8 p.m. [1]", [cite(1, hours)]), [hit(hours)])).toEqual([]);
  });

  it("catches a citation number that matches no citation", () => {
    const v = verifyComposition(answer("Polls open at 9:30 a.m. [1] Bring ID. [3]", [cite(1, hours)]), [hit(hours)]);
    expect(v.map((x) => x.kind)).toContain("unknown_citation");
  });

  it("catches a citation of a passage that was not retrieved", () => {
    const v = verifyComposition(answer("Show ID. [1]", [cite(1, other)]), [hit(hours)]);
    expect(v.map((x) => x.kind)).toContain("citation_not_retrieved");
  });

  it("catches an invented URL, phone number and time", () => {
    const body = "Vote by text at https://vote-now.example.com or call 514-555-0199; polls close at 10 p.m. [1]";
    const kinds = verifyComposition(answer(body, [cite(1, hours)]), [hit(hours)]).map((x) => x.detail.split(":")[0]);
    expect(kinds).toEqual(expect.arrayContaining(["url", "phone", "number"]));
  });

  it("catches a fact supported by another passage than the one cited", () => {
    const v = verifyComposition(answer("Polls open at 9:30 a.m. [2]", [cite(1, hours), cite(2, other)]), [hit(hours), hit(other)]);
    expect(v.map((x) => x.kind)).toContain("unsupported_entity");
  });

  it("catches a quote that is not verbatim and a sentence without citation", () => {
    const v = verifyComposition(answer("Polls are open. [1]\n\nAlso you can vote online.", [cite(1, hours, "Polls never close")]), [hit(hours)]);
    expect(v.map((x) => x.kind)).toEqual(expect.arrayContaining(["quote_not_verbatim", "uncited_sentence"]));
  });

  it("allows Élections Québec's own link and phone number", () => {
    const v = verifyComposition(answer("Polls are open from 9:30 a.m. [1] Call 1-888-353-2846 or www.electionsquebec.qc.ca. [1]", [cite(1, hours)]), [hit(hours)]);
    expect(v).toEqual([]);
  });
});

describe("extractive composer", () => {
  it("answers with verbatim passage sentences and a verifiable citation", () => {
    const c = composeExtractive({ question: "What are the polling hours?", lang: "en", hits: [hit(hours), hit(other)], history: [] });
    expect(c.kind).toBe("answer");
    expect(c.body).toContain("9:30 a.m. to 8 p.m.");
    expect(c.body).toMatch(/\[1\]$/);
    expect(verifyComposition(c, [hit(hours), hit(other)])).toEqual([]);
  });

  it("abstains when no sentence shares a word with the question", () => {
    const c = composeExtractive({ question: "parking spaces downtown", lang: "en", hits: [hit(other)], history: [] });
    expect(c.kind).toBe("abstain");
  });
});
