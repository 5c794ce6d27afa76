import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { embedMany } from "ai";
import type { EmbeddingModel } from "ai";
import { detectLang, paddedWords, terms } from "../text/analyze.js";

const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a, 32-bit: fast, stable across runtimes, good enough spread for feature hashing.
 * Hashes s[from, to) on from state `h`, so a feature "w:" + term is hashed without building
 * the string, from the state after "w:": the same hash (hashing-v1 vectors must not change).
 */
function fnv1a(s: string, h = FNV_OFFSET, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash states after each feature's prefix: word "w:", adjacent pair "b:", trigram "g:". */
const WORD_FEATURE = fnv1a("w:");
const PAIR_FEATURE = fnv1a("b:");
const GRAM_FEATURE = fnv1a("g:");

/**
 * The offline default embedder: signed feature hashing of stemmed words, adjacent-word
 * pairs and character trigrams into a fixed-size, L2-normalised vector. No network, no
 * weights, deterministic. It captures lexical and morphological similarity (including
 * typos, through trigrams), not meaning: synonyms it has never seen side by side score
 * zero, and French and English texts do not meet. Those limits are why retrieval fuses
 * it with BM25 and expands queries with a small official-vocabulary lexicon.
 */
export class HashingEmbeddings extends Embeddings {
  static readonly id = "hashing-v1";
  constructor(readonly dimensions = 1024, params: EmbeddingsParams = {}) {
    super(params);
  }

  embedText(text: string): number[] {
    const dim = this.dimensions;
    const v = new Float64Array(dim);
    const add = (h: number, weight: number) => {
      v[h % dim]! += h & 0x80000000 ? -weight : weight;
    };
    const ts = terms(text, detectLang(text));
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      add(fnv1a(t, WORD_FEATURE), 1);
      if (i > 0) add(fnv1a(t, fnv1a(" ", fnv1a(ts[i - 1]!, PAIR_FEATURE))), 0.5);
    }
    // The trigrams of trigrams(text), hashed in place.
    for (const padded of paddedWords(text)) {
      for (let i = 0; i + 3 <= padded.length; i++) add(fnv1a(padded, GRAM_FEATURE, i, i + 3), 0.25);
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm) || 1;
    const out = new Array<number>(dim);
    for (let i = 0; i < dim; i++) out[i] = v[i]! / norm;
    return out;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}

/** Any OpenAI-compatible embeddings endpoint, through the AI SDK, behind LangChain's interface. */
export class RemoteEmbeddings extends Embeddings {
  constructor(private readonly model: EmbeddingModel, params: EmbeddingsParams = {}) {
    super(params);
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const { embeddings } = await embedMany({ model: this.model, values: texts, maxRetries: 2 });
    return embeddings;
  }
  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    if (!v) throw new Error("embeddings endpoint returned no vector");
    return v;
  }
}
