import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Lang } from "../contract/envelope.js";
import { searchableText, type Chunk } from "../ingest/chunk.js";
import { terms } from "../text/analyze.js";
import type { Bm25Index } from "./bm25.js";
import { expand } from "./expand.js";
import { reciprocalRankFusion } from "./fuse.js";
import type { VectorIndex } from "./vector-index.js";

export interface Hit {
  chunk: Chunk;
  /** Fused reciprocal-rank score. */
  score: number;
  bm25: { rank: number | null; score: number | null };
  vector: { rank: number | null; score: number | null };
}

export interface Retrieval {
  query: string;
  expandedQuery: string;
  hits: Hit[];
  /** Share of the voter's own content terms that the corpus vocabulary knows at all. */
  knownTermShare: number;
  /** Share of the voter's content terms found in the best hit. */
  topCoverage: number;
  /** Content terms of the question absent from the whole corpus (e.g. a street name, a year). */
  unknownTerms: string[];
}

export interface RetrieverOptions {
  candidates: number;
  weights: [bm25: number, vector: number];
}

export interface Retriever {
  retrieve(query: string, lang: Lang, k: number): Promise<Retrieval>;
  readonly chunks: ReadonlyMap<string, Chunk>;
  /** Inverse document frequency of an analysed term among the language's chunks. */
  idf(term: string, lang: Lang): number;
}

/** Hybrid retrieval: BM25 and vector rankings over the expanded query, fused by RRF. */
export class HybridRetriever implements Retriever {
  readonly chunks: ReadonlyMap<string, Chunk>;
  private readonly vocab: Record<Lang, Map<string, number>>;
  private readonly size: Record<Lang, number>;

  constructor(
    chunks: readonly Chunk[],
    private readonly bm25: Record<Lang, Bm25Index>,
    private readonly vectors: VectorIndex,
    private readonly embeddings: EmbeddingsInterface,
    private readonly options: RetrieverOptions = { candidates: 20, weights: [1, 1] },
  ) {
    this.chunks = new Map(chunks.map((c) => [c.id, c]));
    this.vocab = { fr: new Map(), en: new Map() };
    this.size = { fr: 0, en: 0 };
    for (const c of chunks) {
      this.size[c.lang]++;
      for (const t of new Set(terms(searchableText(c), c.lang))) this.vocab[c.lang].set(t, (this.vocab[c.lang].get(t) ?? 0) + 1);
    }
  }

  idf(term: string, lang: Lang): number {
    const n = this.size[lang];
    const df = this.vocab[lang].get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  async retrieve(query: string, lang: Lang, k: number): Promise<Retrieval> {
    const expansion = expand(query, lang);
    const expandedQuery = expansion.query;
    const qv = await this.embeddings.embedQuery(expandedQuery);
    const lexical = this.bm25[lang].search(expandedQuery, this.options.candidates);
    const dense = this.vectors.search(lang, qv, this.options.candidates);
    const fused = reciprocalRankFusion([lexical, dense], this.options.weights);
    const hits: Hit[] = [];
    for (const f of fused.slice(0, k)) {
      const chunk = this.chunks.get(f.chunkId);
      if (!chunk) continue;
      const li = f.ranks[0] ?? null;
      const vi = f.ranks[1] ?? null;
      hits.push({
        chunk,
        score: f.score,
        bm25: { rank: li, score: li ? lexical[li - 1]!.score : null },
        vector: { rank: vi, score: vi ? dense[vi - 1]!.score : null },
      });
    }
    const own = [...new Set(terms(query, lang))];
    const vocab = this.vocab[lang];
    // Words the lexicon recognised count as known, and as covered when the passage has
    // one of the official terms they map to.
    const explained = new Set(terms(expansion.matched.join(" "), lang));
    const addedTerms = terms(expansion.added.join(" "), lang);
    const unknownTerms = own.filter((t) => !vocab.has(t) && !explained.has(t));
    const top = hits[0] ? new Set(terms(searchableText(hits[0].chunk), lang)) : new Set<string>();
    const topHasAdded = addedTerms.some((t) => top.has(t));
    const covered = own.filter((t) => top.has(t) || (explained.has(t) && topHasAdded)).length;
    return {
      query,
      expandedQuery,
      hits,
      knownTermShare: own.length === 0 ? 0 : (own.length - unknownTerms.length) / own.length,
      topCoverage: own.length === 0 ? 0 : covered / own.length,
      unknownTerms,
    };
  }
}
