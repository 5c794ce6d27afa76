import type { Scored } from "./bm25.js";

export interface Fused {
  chunkId: string;
  score: number;
  ranks: (number | null)[];
}

/**
 * Weighted reciprocal rank fusion keyed by chunk id (LangChain's EnsembleRetriever keys
 * on page content and drops the fused score, which the log and the abstain rule need).
 */
export function reciprocalRankFusion(lists: readonly Scored[][], weights: readonly number[], c = 60): Fused[] {
  const acc = new Map<string, Fused>();
  lists.forEach((list, li) => {
    list.forEach((item, rank) => {
      let f = acc.get(item.chunkId);
      if (!f) {
        f = { chunkId: item.chunkId, score: 0, ranks: lists.map(() => null) };
        acc.set(item.chunkId, f);
      }
      f.score += (weights[li] ?? 1) / (rank + 1 + c);
      f.ranks[li] = rank + 1;
    });
  });
  return [...acc.values()].sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
}
