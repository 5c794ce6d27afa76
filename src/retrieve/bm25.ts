import MiniSearch from "minisearch";
import type { Lang } from "../contract/envelope.js";
import { searchableText, type Chunk } from "../ingest/chunk.js";
import { terms } from "../text/analyze.js";

export interface Scored {
  chunkId: string;
  score: number;
}

/** One query term's matches (exact and fuzzy), in MiniSearch's match order, with their scores. */
interface TermHits {
  ids: string[];
  scores: Float64Array;
}

/** Memoised terms per index; cleared when full, as questions bring words without end. */
const TERM_HITS_MAX = 4096;

/** The MiniSearch options of a language's index (exported so tests can build a reference). */
export function bm25Options(lang: Lang) {
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

/**
 * BM25 over one language's chunks, with MiniSearch's inverted index. LangChain's
 * BM25Retriever re-scores the whole corpus on every query and matches case-sensitive
 * substrings; MiniSearch is indexed, persistable and takes our analyser (stemming and
 * accent folding), which matters for French.
 */
export class Bm25Index {
  /** Matches of each "boost term" already searched: the index never changes once built. */
  private readonly termHits = new Map<string, TermHits>();

  private constructor(
    private readonly ms: MiniSearch<{ id: string; text: string }>,
    private readonly lang: Lang,
  ) {}

  static build(lang: Lang, chunks: readonly Chunk[]): Bm25Index {
    const ms = new MiniSearch<{ id: string; text: string }>(bm25Options(lang));
    ms.addAll(chunks.filter((c) => c.lang === lang).map((c) => ({ id: c.id, text: searchableText(c) })));
    return new Bm25Index(ms, lang);
  }

  static fromJSON(lang: Lang, json: string): Bm25Index {
    return new Bm25Index(MiniSearch.loadJSON(json, bm25Options(lang)), lang);
  }

  toJSON(): string {
    return JSON.stringify(this.ms);
  }

  /**
   * `boost` weighs each analysed query term (1 is neutral). Same results, to the last bit and
   * in the same order, as MiniSearch's OR search of the whole query, which this reproduces:
   * the query's terms are searched one by one (each memoised: the fuzzy walk of the term tree
   * and the scoring were 10% of a turn's CPU, and questions share most of their words),
   * summed per chunk in query order, multiplied by the number of distinct terms matched, and
   * sorted stably by score from first-match order.
   */
  search(query: string, k: number, boost?: (term: string) => number): Scored[] {
    const acc = new Map<string, { score: number; terms: string[] }>();
    for (const term of terms(query, this.lang)) {
      const hits = this.hitsOf(term, boost ? boost(term) : 1);
      for (let i = 0; i < hits.ids.length; i++) {
        const id = hits.ids[i]!;
        const seen = acc.get(id);
        if (!seen) acc.set(id, { score: hits.scores[i]!, terms: [term] });
        else {
          seen.score = seen.score + hits.scores[i]!;
          if (!seen.terms.includes(term)) seen.terms.push(term);
        }
      }
    }
    const ranked: Scored[] = [];
    for (const [chunkId, { score, terms: matched }] of acc) ranked.push({ chunkId, score: score * matched.length });
    return ranked.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** One term's matches, as MiniSearch's search of that term alone scores them. */
  private hitsOf(term: string, boost: number): TermHits {
    const key = `${boost} ${term}`;
    const known = this.termHits.get(key);
    if (known) return known;
    const ids: string[] = [];
    const scores: number[] = [];
    // The filter sees every match in MiniSearch's own (first-match) order, which breaks ties in
    // the final sort; refusing them all skips the sort of this single-term result.
    this.ms.search(term, {
      tokenize: () => [term],
      boostTerm: () => boost,
      filter: (r) => {
        ids.push(String(r.id));
        scores.push(r.score);
        return false;
      },
    });
    const hits = { ids, scores: Float64Array.from(scores) };
    if (this.termHits.size >= TERM_HITS_MAX) this.termHits.clear();
    this.termHits.set(key, hits);
    return hits;
  }
}
