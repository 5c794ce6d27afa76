import { describe, expect, it } from "vitest";
import { chunkDocuments } from "../ingest/chunk.js";
import { HashingEmbeddings } from "../ingest/embed.js";
import { loadCorpus } from "../ingest/load.js";
import { FIXTURE_CORPUS } from "../../tests/support/runtime.js";
import { Bm25Index } from "./bm25.js";
import { reciprocalRankFusion } from "./fuse.js";
import { HnswVectorIndex } from "./hnsw-index.js";
import { HybridRetriever } from "./retrieve.js";
import { FlatVectorIndex } from "./vector-index.js";
import { searchableText } from "../ingest/chunk.js";
import { terms } from "../text/analyze.js";
import { isDictionaryWord } from "../text/dictionary.js";

const docs = await loadCorpus(FIXTURE_CORPUS);
const chunks = await chunkDocuments(docs);
const emb = new HashingEmbeddings();
const vectors = await emb.embedDocuments(chunks.map(searchableText));
const bm25 = { fr: Bm25Index.build("fr", chunks), en: Bm25Index.build("en", chunks) };
const hnsw = await HnswVectorIndex.build(chunks, vectors, emb);
const retriever = new HybridRetriever(chunks, bm25, hnsw, emb, { candidates: 20, weights: [1, 1], isWord: isDictionaryWord });

describe("reciprocal rank fusion", () => {
  it("ranks an item found by both lists above items found by one", () => {
    const fused = reciprocalRankFusion([[{ chunkId: "a", score: 9 }, { chunkId: "b", score: 5 }], [{ chunkId: "c", score: 0.9 }, { chunkId: "b", score: 0.8 }]], [1, 1]);
    expect(fused[0]!.chunkId).toBe("b");
    expect(fused[0]!.ranks).toEqual([2, 2]);
  });
});

describe("BM25 term weights", () => {
  const mk = (id: string, text: string) => ({ id, docId: id, slug: id, lang: "en" as const, title: "", heading: "", url: "https://www.electionsquebec.qc.ca/", scope: "provincial" as const, text });
  const index = Bm25Index.build("en", [mk("hours", "Polling stations open early"), mk("work", "Employers give workers time off work")]);

  it("lets a down-weighted term (the lexicon's, not the voter's) lose to the voter's own word", () => {
    expect(index.search("polling employers workers", 2)[0]!.chunkId).toBe("work");
    const weighted = index.search("polling employers workers", 2, (t) => (t === "poll" ? 1 : 0.1));
    expect(weighted[0]!.chunkId).toBe("hours");
  });
});

describe("offline embedder", () => {
  it("is deterministic, normalised, and closer for related texts", async () => {
    const [a, b, c] = await emb.embedDocuments(["pièces d'identité pour voter", "piece didentite pour voté", "quatre heures de congé"]);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(a!, a!)).toBeCloseTo(1, 6);
    expect(await emb.embedQuery("pièces d'identité pour voter")).toEqual(a);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
  });
});

describe("hybrid retrieval", () => {
  it.each([
    ["Quelles pièces d'identité dois-je présenter pour voter?", "fr", "identification-fr"],
    ["what ID do I need at the polls", "en", "identification-en"],
    ["mon patron doit me laisser aller voter?", "fr", "time-off-work-fr"],
    ["Does my employer have to give me time off to vote?", "en", "time-off-work-en"],
  ] as const)("finds the right document for %s", async (q, lang, docId) => {
    const r = await retriever.retrieve(q, lang, 3);
    expect(r.hits[0]!.chunk.docId).toBe(docId);
    expect(r.hits.every((h) => h.chunk.lang === lang)).toBe(true);
  });

  it("reports words the corpus has never seen, such as a street name", async () => {
    const r = await retriever.retrieve("Where can I park at my polling station on Papineau street?", "en", 3);
    expect(r.unknownTerms).toEqual(expect.arrayContaining(["park", "papineau"]));
  });

  it("reports a name and a time of day as neutral, not as unknown words that count against the question", async () => {
    const r = await retriever.retrieve("I finish my shift in Sherbrooke at 7:45 pm, does my employer give me hours to vote?", "en", 3);
    expect(r.unknownTerms).toEqual(expect.arrayContaining(["sherbrook", "pm"]));
    expect(r.neutralTerms).toEqual(expect.arrayContaining(["sherbrook", "pm"]));
    const plain = await retriever.retrieve("I finish my shift at the plant, does my employer give me hours to vote?", "en", 3);
    expect(r.knownTermShare).toBeGreaterThan(plain.knownTermShare);
  });

  it("counts a misspelt word as the corpus word it stands for, and searches with the correction", async () => {
    const r = await retriever.retrieve("what identiy documents are acepted", "en", 3);
    expect(Object.keys(r.corrections)).toHaveLength(2);
    expect(r.expandedQuery).toContain("identity");
    expect(r.knownTermShare).toBe(1);
    expect(r.hits[0]!.chunk.docId).toBe("identification-en");
  });

  it("reads a French word glued to its clitic without the apostrophe (lemployeur)", async () => {
    const r = await retriever.retrieve("est-ce que lemployeur doit me laisser voter", "fr", 3);
    expect(Object.values(r.corrections)).toEqual(terms("employeur", "fr"));
  });

  it("does not correct a real word that the corpus lacks into one it has", async () => {
    const r = await retriever.retrieve("Is there parking at the polling station?", "en", 3);
    expect(r.corrections).toEqual({});
    // "panes" is one edit from the corpus's "panel", but it is a word of its own.
    const near = await retriever.retrieve("can I vote near the panes", "en", 3);
    expect(near.corrections).toEqual({});
    expect(near.unknownTerms.length).toBeGreaterThan(0);
    expect(r.knownTermShare).toBeLessThan(1);
  });

  it("corrects no spelling without a dictionary to tell misspellings from words (e.g. on a Worker)", async () => {
    const bare = new HybridRetriever(chunks, bm25, hnsw, emb);
    expect((await bare.retrieve("what identiy documents are acepted", "en", 3)).corrections).toEqual({});
  });

  it("measures coverage over the best passages together, not the first alone", async () => {
    const r = await retriever.retrieve("passport, and is meal time counted", "en", 3);
    const first = new Set(terms(searchableText(r.hits[0]!.chunk), "en"));
    expect(terms("passport meal", "en").every((t) => first.has(t))).toBe(false);
    expect(r.topCoverage).toBe(1);
  });

  it("gives the same ranking with the portable flat index as with HNSW on a small corpus", async () => {
    const flat = new FlatVectorIndex(chunks.map((c, i) => ({ chunkId: c.id, lang: c.lang, vector: vectors[i]! })));
    const portable = new HybridRetriever(chunks, bm25, flat, emb);
    for (const q of ["hours to vote at work", "passport"]) {
      const a = (await retriever.retrieve(q, "en", 4)).hits.map((h) => h.chunk.id);
      const b = (await portable.retrieve(q, "en", 4)).hits.map((h) => h.chunk.id);
      expect(b).toEqual(a);
    }
  });
});
