import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDatasets, type EvalCase } from "../../evals/cases.js";
import { loadIndex, type LoadedIndex } from "../ingest/build-index.js";
import { HashingEmbeddings } from "../ingest/embed.js";
import { exportPortableIndex, type PortableArtifact } from "../ingest/export-index.js";
import type { Scored } from "./bm25.js";
import { HnswVectorIndex } from "./hnsw-index.js";
import { openPortableIndex, PortableIndexError, type PortableIndex } from "./portable-index.js";

const CORPUS = path.resolve(import.meta.dirname, "../../corpus");
const embeddings = new HashingEmbeddings();
const id = HashingEmbeddings.id;

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A ranking with equal scores (within float32 rounding) put in id order, so tie order does not count as a difference. */
function canonical(list: readonly Scored[]): string[] {
  return [...list].sort((a, b) => (Math.abs(a.score - b.score) > 1e-6 ? b.score - a.score : a.chunkId.localeCompare(b.chunkId))).map((s) => s.chunkId);
}

describe("the portable index (Cloudflare Workers retrieval) against the Node index", () => {
  let dataDir: string;
  let node: LoadedIndex;
  let artifact: PortableArtifact;
  let portable: PortableIndex;
  let hnsw: HnswVectorIndex;
  let cases: EvalCase[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-portable-"));
    node = await loadIndex({ corpusDir: CORPUS, dataDir, embeddings, embedderId: id });
    artifact = await exportPortableIndex({ corpusDir: CORPUS, embeddings, embedderId: id });
    // Through JSON, as the Worker bundle carries it.
    portable = await openPortableIndex(JSON.parse(JSON.stringify(artifact.manifest)), buffer(artifact.vectors), embeddings, id);
    // The HNSW graphs the Node server itself loads, from its on-disk cache.
    const indexDir = path.join(dataDir, "index", (await readdir(path.join(dataDir, "index")))[0]!);
    hnsw = await HnswVectorIndex.load(indexDir, embeddings);
    cases = (await readDatasets()).flatMap((d) => d.cases);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is built from the same corpus version and the same chunks as the Node index", () => {
    expect(artifact.manifest.corpusVersion).toBe(node.corpusVersion);
    expect(artifact.manifest.chunks.map((c) => c.id)).toEqual(node.chunks.map((c) => c.id));
    expect(artifact.vectors.byteLength).toBe(node.chunks.length * artifact.manifest.dimensions * 4);
  });

  it("finds exactly the nearest neighbours HNSW finds with a beam as wide as the corpus", async () => {
    hnsw.setEf(node.chunks.length);
    const vectors = portable.vectors;
    let compared = 0;
    for (const c of cases) {
      const q = await embeddings.embedQuery(c.question);
      const exact = vectors.search(c.lang, q, 20);
      if (exact.length === 0) continue; // a question of stop words only: no direction to search
      expect(canonical(exact), c.id).toEqual(canonical(hnsw.search(c.lang, q, 20)));
      compared++;
    }
    expect(compared).toBeGreaterThan(cases.length * 0.9);
  });

  it("gives Node's top 6 for every eval question, except where Node's HNSW (ef 64) missed a true neighbour", async () => {
    hnsw.setEf(64);
    const vectors = portable.vectors;
    let same = 0;
    const explained: string[] = [];
    const spelling: string[] = [];
    for (const c of cases) {
      const [a, b] = [await node.retriever.retrieve(c.question, c.lang, 6), await portable.retriever.retrieve(c.question, c.lang, 6)];
      // Dictionary-based spelling correction is Node-only (the word lists weigh ~7 MB, too much
      // for a Worker bundle): a question Node corrected is a documented difference, nothing else.
      const nodeOnlyFixes = Object.keys(a.corrections).filter((t) => !(t in b.corrections));
      if (nodeOnlyFixes.length > 0) {
        expect(Object.keys(b.corrections).every((t) => t in a.corrections), c.id).toBe(true);
        spelling.push(c.id);
        continue;
      }
      expect(b.expandedQuery).toBe(a.expandedQuery);
      const ids = (r: typeof a) => r.hits.map((h) => h.chunk.id);
      if (ids(a).join() === ids(b).join()) {
        same++;
        // Same BM25 ranks; scores equal up to float summation order (a restored index may add
        // the half-weight lexicon terms in another order than a freshly built one).
        const bm25 = (r: typeof a) => r.hits.map((h) => (h.bm25 ? { rank: h.bm25.rank, score: h.bm25.score === null ? null : Math.round(h.bm25.score * 1e9) / 1e9 } : null));
        expect(bm25(b), c.id).toEqual(bm25(a));
        continue;
      }
      // Every difference must come from the dense candidates: HNSW's list is not the exact one.
      const q = await embeddings.embedQuery(a.expandedQuery);
      const exact = vectors.search(c.lang, q, 20);
      const approx = hnsw.search(c.lang, q, 20);
      expect(exact.length === 0 || canonical(exact).join() !== canonical(approx).join(), `${c.id}: rankings differ with identical dense candidates`).toBe(true);
      explained.push(c.id);
    }
    console.log(`portable vs Node hybrid top 6: ${same}/${cases.length} identical; ${explained.length} differ through HNSW approximation or an empty query vector (${explained.join(", ")}); ${spelling.length} spelling-corrected on Node only (${spelling.join(", ")})`);
    expect(same).toBeGreaterThanOrEqual((cases.length - spelling.length) * 0.95);
    expect(spelling.length).toBeLessThan(cases.length * 0.05);
  });

  it("refuses an artifact built with another embedder, or vectors from another build", async () => {
    await expect(openPortableIndex(artifact.manifest, buffer(artifact.vectors), embeddings, "openai-text-embedding-3-small")).rejects.toThrow(/built with embedder "hashing-v1"/);
    const tampered = artifact.vectors.slice();
    tampered[100]! ^= 1;
    await expect(openPortableIndex(artifact.manifest, buffer(tampered), embeddings, id)).rejects.toThrow(PortableIndexError);
    await expect(openPortableIndex(artifact.manifest, buffer(artifact.vectors.subarray(4)), embeddings, id)).rejects.toThrow(/bytes, expected/);
    await expect(openPortableIndex({ ...artifact.manifest, format: "other/1" }, buffer(artifact.vectors), embeddings, id)).rejects.toThrow(/not a scrutin-portable-index\/1 manifest/);
  });
});
