import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { embedMany } from "ai";
import type { EmbeddingModel } from "ai";
import { detectLang, terms, trigrams } from "../text/analyze.js";

/** FNV-1a, 32-bit: fast, stable across runtimes, good enough spread for feature hashing. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

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
    const v = new Float64Array(this.dimensions);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      v[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
    };
    const ts = terms(text, detectLang(text));
    ts.forEach((t, i) => {
      add(`w:${t}`, 1);
      if (i > 0) add(`b:${ts[i - 1]} ${t}`, 0.5);
    });
    for (const g of trigrams(text)) add(`g:${g}`, 0.25);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
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
