import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import path from "node:path";
import type { Lang } from "../contract/envelope.js";
import type { Chunk } from "../ingest/chunk.js";
import type { Scored } from "./bm25.js";
import type { VectorIndex } from "./vector-index.js";

/** HNSW through LangChain's HNSWLib store, one graph per language (no JS filter callbacks). */
export class HnswVectorIndex implements VectorIndex {
  private constructor(private readonly stores: Map<Lang, HNSWLib>) {}

  static async build(chunks: readonly Chunk[], vectors: readonly number[][], embeddings: EmbeddingsInterface): Promise<HnswVectorIndex> {
    const stores = new Map<Lang, HNSWLib>();
    for (const lang of ["fr", "en"] as const) {
      const picked = chunks.map((c, i) => ({ c, v: vectors[i]! })).filter((x) => x.c.lang === lang);
      if (picked.length === 0) continue;
      const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: picked[0]!.v.length });
      await store.addVectors(
        picked.map((x) => x.v),
        picked.map((x) => new Document({ pageContent: x.c.id, metadata: { chunkId: x.c.id } })),
      );
      stores.set(lang, store);
    }
    return new HnswVectorIndex(stores);
  }

  static async load(dir: string, embeddings: EmbeddingsInterface): Promise<HnswVectorIndex> {
    const stores = new Map<Lang, HNSWLib>();
    for (const lang of ["fr", "en"] as const) {
      try {
        stores.set(lang, await HNSWLib.load(path.join(dir, `hnsw-${lang}`), embeddings));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
    return new HnswVectorIndex(stores);
  }

  async save(dir: string): Promise<void> {
    for (const [lang, store] of this.stores) await store.save(path.join(dir, `hnsw-${lang}`));
  }

  /** Raises the search beam; hnswlib's default ef=10 can miss true neighbours (see PERF.md). */
  setEf(ef: number): void {
    for (const store of this.stores.values()) store.index.setEf(ef);
  }

  search(lang: Lang, vector: readonly number[], k: number): Scored[] {
    const store = this.stores.get(lang);
    if (!store) return [];
    const n = Math.min(k, store.index.getCurrentCount());
    if (n === 0) return [];
    // Synchronous native call: hnswlib-node's searchKnn does not yield.
    const res = store.index.searchKnn(Array.from(vector), n);
    const docs = store.docstore._docs;
    return res.neighbors.map((label, i) => {
      const doc = docs.get(String(label));
      return { chunkId: String(doc?.metadata.chunkId ?? ""), score: 1 - res.distances[i]! };
    });
  }
}
