import type { Lang } from "../contract/envelope.js";
import type { Scored } from "./bm25.js";

/**
 * Nearest-neighbour search over chunk vectors, by language. The Node server uses HNSW
 * (native hnswlib); runtimes without native addons use the flat scan.
 * Scores are cosine similarities (higher is better).
 */
export interface VectorIndex {
  search(lang: Lang, vector: readonly number[], k: number): Scored[];
}

/** Exact cosine search over pre-normalised Float32 vectors: portable, fine up to ~10k chunks. */
export class FlatVectorIndex implements VectorIndex {
  private readonly byLang = new Map<Lang, { ids: string[]; dim: number; data: Float32Array }>();

  constructor(entries: readonly { chunkId: string; lang: Lang; vector: readonly number[] }[]) {
    for (const lang of ["fr", "en"] as const) {
      const mine = entries.filter((e) => e.lang === lang);
      const dim = mine[0]?.vector.length ?? 0;
      const data = new Float32Array(mine.length * dim);
      mine.forEach((e, i) => data.set(e.vector, i * dim));
      this.byLang.set(lang, { ids: mine.map((e) => e.chunkId), dim, data });
    }
  }

  search(lang: Lang, vector: readonly number[], k: number): Scored[] {
    const idx = this.byLang.get(lang);
    if (!idx || idx.ids.length === 0) return [];
    const { ids, dim, data } = idx;
    const scores = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      let s = 0;
      const off = i * dim;
      for (let j = 0; j < dim; j++) s += data[off + j]! * vector[j]!;
      scores[i] = s;
    }
    const order = Array.from(ids.keys()).sort((a, b) => scores[b]! - scores[a]!);
    return order.slice(0, k).map((i) => ({ chunkId: ids[i]!, score: scores[i]! }));
  }
}
