import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { chunkDocuments, searchableText, type Chunk } from "../ingest/chunk.js";
import { loadCorpus } from "../ingest/load.js";
import { FIXTURE_CORPUS } from "../../tests/support/runtime.js";
import { Bm25Index, bm25Options } from "./bm25.js";

const chunks = await chunkDocuments(await loadCorpus(FIXTURE_CORPUS));

/** MiniSearch's own search of the whole query: what Bm25Index.search must reproduce exactly. */
function reference(lang: "fr" | "en", query: string, k: number, boost?: (t: string) => number, corpus: readonly Chunk[] = chunks) {
  const ms = new MiniSearch<{ id: string; text: string }>(bm25Options(lang));
  ms.addAll(corpus.filter((c) => c.lang === lang).map((c) => ({ id: c.id, text: searchableText(c) })));
  return ms
    .search(query, boost ? { boostTerm: (t) => boost(t) } : {})
    .slice(0, k)
    .map((r) => ({ chunkId: String(r.id), score: r.score }));
}

// Repeated terms, fuzzy-only terms (misspelt, six letters or more), terms matching nothing,
// and the same term under two boosts across queries.
const QUERIES: ["fr" | "en", string][] = [
  ["fr", "où voter bureau de vote bureau de vote avis"],
  ["fr", "inscriptoin liste électorale inscription liste électorale changement d'adresse"],
  ["fr", "zzzz quoi"],
  ["en", "polling station hours polling station notice where do I vote"],
  ["en", "registraton list of electors identification identification documents"],
];

describe("BM25 search (memoised per term)", () => {
  const index = { fr: Bm25Index.build("fr", chunks), en: Bm25Index.build("en", chunks) };
  const boost = (t: string) => (t.length % 2 === 0 ? 1 : 0.5);

  it("ranks and scores exactly as MiniSearch's search of the whole query, first call and repeated", () => {
    for (const [lang, q] of QUERIES) {
      for (let round = 0; round < 2; round++) {
        expect(index[lang].search(q, 20)).toEqual(reference(lang, q, 20));
        expect(index[lang].search(q, 20, boost)).toEqual(reference(lang, q, 20, boost));
      }
    }
  });

  it("still matches once a term's boost differs from the memoised one", () => {
    const [lang, q] = QUERIES[0]!;
    const other = (t: string) => (t.length % 2 === 0 ? 0.5 : 1);
    index[lang].search(q, 20, boost);
    expect(index[lang].search(q, 20, other)).toEqual(reference(lang, q, 20, other));
  });

  it("breaks ties between equal scores by first match, as MiniSearch does", () => {
    const mk = (id: string, text: string) => ({ id, docId: id, slug: id, lang: "en" as const, title: "", heading: "", url: "https://www.electionsquebec.qc.ca/", scope: "provincial" as const, text });
    const twins = [mk("b", "Advance polling station"), mk("a", "Polling station hours"), mk("c", "Advance polling station")];
    const q = "advance polling hours station";
    const got = Bm25Index.build("en", twins).search(q, 3);
    expect(got).toEqual(reference("en", q, 3, undefined, twins));
    const b = got.findIndex((h) => h.chunkId === "b");
    expect(got[b + 1]).toEqual({ chunkId: "c", score: got[b]!.score });
  });
});
