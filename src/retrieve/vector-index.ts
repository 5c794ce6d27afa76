import type { Lang } from "../contract/envelope.js";
import type { Scored } from "./bm25.js";
import { TopK } from "./top-k.js";

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
    if (!idx || idx.ids.length === 0 || k <= 0) return [];
    const { ids, dim, data } = idx;
    // A typed query and a bounded top-k (instead of scoring into an array and sorting all
    // of it) keep the scan at memory speed: ~25 ms → a few ms at 100k×384 (BENCHMARKS.md).
    const q = Float32Array.from(vector);
    const top = new TopK(Math.min(k, ids.length));
    const tail = dim - (dim % 4);
    for (let i = 0, off = 0; i < ids.length; i++, off += dim) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let j = 0;
      for (; j < tail; j += 4) {
        s0 += data[off + j]! * q[j]!;
        s1 += data[off + j + 1]! * q[j + 1]!;
        s2 += data[off + j + 2]! * q[j + 2]!;
        s3 += data[off + j + 3]! * q[j + 3]!;
      }
      for (; j < dim; j++) s0 += data[off + j]! * q[j]!;
      // Ties keep corpus order, as a stable sort would.
      top.offer(i, Math.fround(s0 + s1 + s2 + s3));
    }
    return top.map((i, score) => ({ chunkId: ids[i]!, score }));
  }
}
