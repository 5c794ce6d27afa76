import type { Lang } from "../contract/envelope.js";
import type { Scored } from "./bm25.js";
import type { VectorIndex } from "./vector-index.js";

interface LangSlice {
  ids: string[];
  data: Float32Array;
}

/**
 * Exact cosine search over packed Float32 rows, one contiguous block per language, rows
 * normalised once at load. Portable (no native addon), and exact: at this corpus size a
 * full scan costs well under a millisecond (PERF.md §2: ~2.5 ms for 10k × 384).
 */
export class PackedVectorIndex implements VectorIndex {
  private readonly byLang = new Map<Lang, LangSlice>();

  /** `data` holds one row of `dim` floats per entry, in entry order. */
  constructor(entries: readonly { chunkId: string; lang: Lang }[], private readonly dim: number, data: Float32Array) {
    if (data.length !== entries.length * dim) throw new Error(`vector data has ${data.length} floats, expected ${entries.length * dim}`);
    for (const lang of ["fr", "en"] as const) {
      const rows = entries.map((e, i) => ({ e, i })).filter((x) => x.e.lang === lang);
      const block = new Float32Array(rows.length * dim);
      rows.forEach(({ i }, r) => {
        const row = data.subarray(i * dim, (i + 1) * dim);
        let norm = 0;
        for (let j = 0; j < dim; j++) norm += row[j]! * row[j]!;
        const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let j = 0; j < dim; j++) block[r * dim + j] = row[j]! * inv;
      });
      this.byLang.set(lang, { ids: rows.map((x) => x.e.chunkId), data: block });
    }
  }

  search(lang: Lang, vector: readonly number[], k: number): Scored[] {
    const slice = this.byLang.get(lang);
    if (!slice || slice.ids.length === 0 || k <= 0) return [];
    const { ids, data } = slice;
    const dim = this.dim;
    if (vector.length !== dim) throw new Error(`query vector has ${vector.length} dimensions, the index ${dim}`);
    const q = new Float32Array(dim);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += vector[j]! * vector[j]!;
    // No content words, no direction: every cosine is 0, and an arbitrary order of ties
    // would only add noise to the fusion.
    if (norm === 0) return [];
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) q[j] = vector[j]! * inv;
    // Keep the best k in a small sorted array: k is ~20, so this beats sorting every score.
    const top: { i: number; s: number }[] = [];
    for (let i = 0; i < ids.length; i++) {
      const off = i * dim;
      let s = 0;
      for (let j = 0; j < dim; j++) s += data[off + j]! * q[j]!;
      if (top.length === k && s <= top[k - 1]!.s) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]!.s < s) at--;
      top.splice(at, 0, { i, s });
      if (top.length > k) top.pop();
    }
    return top.map(({ i, s }) => ({ chunkId: ids[i]!, score: s }));
  }
}
