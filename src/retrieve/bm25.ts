import MiniSearch from "minisearch";
import type { Lang } from "../contract/envelope.js";
import { searchableText, type Chunk } from "../ingest/chunk.js";
import { terms } from "../text/analyze.js";

export interface Scored {
  chunkId: string;
  score: number;
}

/**
 * BM25 over one language's chunks, with MiniSearch's inverted index. LangChain's
 * BM25Retriever re-scores the whole corpus on every query and matches case-sensitive
 * substrings; MiniSearch is indexed, persistable and takes our analyser (stemming and
 * accent folding), which matters for French.
 */
export class Bm25Index {
  private constructor(private readonly ms: MiniSearch<{ id: string; text: string }>) {}

  private static options(lang: Lang) {
    return {
      fields: ["text"],
      idField: "id",
      tokenize: (text: string) => terms(text, lang),
      processTerm: (t: string) => t,
      searchOptions: {
        combineWith: "OR" as const,
        fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
        weights: { fuzzy: 0.3, prefix: 0.3 },
      },
    };
  }

  static build(lang: Lang, chunks: readonly Chunk[]): Bm25Index {
    const ms = new MiniSearch<{ id: string; text: string }>(Bm25Index.options(lang));
    ms.addAll(chunks.filter((c) => c.lang === lang).map((c) => ({ id: c.id, text: searchableText(c) })));
    return new Bm25Index(ms);
  }

  static fromJSON(lang: Lang, json: string): Bm25Index {
    return new Bm25Index(MiniSearch.loadJSON(json, Bm25Index.options(lang)));
  }

  toJSON(): string {
    return JSON.stringify(this.ms);
  }

  /** `boost` weighs each analysed query term (1 is neutral). */
  search(query: string, k: number, boost?: (term: string) => number): Scored[] {
    return this.ms
      .search(query, boost ? { boostTerm: (term) => boost(term) } : {})
      .slice(0, k)
      .map((r) => ({ chunkId: String(r.id), score: r.score }));
  }
}
