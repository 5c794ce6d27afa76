import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Lang } from "../contract/envelope.js";
import { searchableText, type Chunk } from "../ingest/chunk.js";
import { fold, terms, words } from "../text/analyze.js";
import { clockTerms } from "../text/clock.js";
import { properNounTerms } from "../text/proper-nouns.js";
import { situatingTerms } from "../text/situating.js";
import { abroadTerms } from "../text/abroad.js";
import { ageTerms } from "../text/ages.js";
import { auxiliaryTerms } from "../text/auxiliaries.js";
import { deicticTerms } from "../text/deixis.js";
import { periodTerms } from "../text/periods.js";
import { ownFigureTerms } from "../text/own-figures.js";
import { redactionTerms } from "../text/redactions.js";
import { correctWord } from "../text/typo.js";
import { STOPWORDS } from "../text/stopwords.js";
import type { Bm25Index } from "./bm25.js";
import { expand } from "./expand.js";
import { reciprocalRankFusion } from "./fuse.js";
import type { VectorIndex } from "./vector-index.js";

/** How many of the best hits together must cover the question (see `topCoverage`). */
const COVERAGE_HITS = 3;

/** Weight of a lexicon term in the BM25 query, relative to the voter's own words. */
const EXPANSION_BOOST = 0.5;

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
  /** Share of the voter's content terms found in the best hits together (the first three). */
  topCoverage: number;
  /** Content terms of the question absent from the whole corpus (e.g. a street name, a year). */
  unknownTerms: string[];
  /**
   * Unknown terms that neither help nor hurt answerability because they situate the question:
   * names (capitalised inside a sentence, or an acronym after "au"/"at the"), times of day
   * ("19h30", "8 p.m."), ages ("a 89 ans"), places abroad ("au mexique"), the people a voter
   * speaks of and chat-speak, auxiliary verb forms, redaction placeholders. Left out of both
   * shares (situating words, auxiliaries and placeholders even when the corpus knows them).
   */
  neutralTerms: string[];
  /** Misspelt terms → the corpus term they stand for ("univeristi" → "universit"). */
  corrections: Record<string, string>;
}

export interface RetrieverOptions {
  candidates: number;
  weights: [bm25: number, vector: number];
  /**
   * Whether a word is a word of the language (see text/dictionary.ts). Spelling correction
   * needs it to tell a misspelling from a real word the corpus lacks; without it (e.g. where
   * the word lists are too big to ship) the retriever corrects nothing but glued clitics.
   */
  isWord?: (word: string, lang: Lang) => boolean;
}

const DEFAULT_OPTIONS: RetrieverOptions = { candidates: 20, weights: [1, 1] };

export interface Retriever {
  retrieve(query: string, lang: Lang, k: number): Promise<Retrieval>;
  readonly chunks: ReadonlyMap<string, Chunk>;
  /** Inverse document frequency of an analysed term among the language's chunks. */
  idf(term: string, lang: Lang): number;
}

const SITUATING_WORDS = new Map<Lang, ReadonlySet<string>>();

/** The situating words and auxiliary verb forms of a language, as one set made once. */
function situatingAndAuxiliaryTerms(lang: Lang): ReadonlySet<string> {
  let set = SITUATING_WORDS.get(lang);
  if (!set) {
    set = new Set([...situatingTerms(lang), ...auxiliaryTerms(lang)]);
    SITUATING_WORDS.set(lang, set);
  }
  return set;
}

/** Hybrid retrieval: BM25 and vector rankings over the expanded query, fused by RRF. */
export class HybridRetriever implements Retriever {
  readonly chunks: ReadonlyMap<string, Chunk>;
  private readonly vocab: Record<Lang, Map<string, number>>;
  private readonly size: Record<Lang, number>;
  /** Folded surface words of each language's chunks, with their frequency, for spelling correction. */
  private readonly lexicon: Record<Lang, Map<string, number>>;
  /** Analysed terms of the chunks that have been among the best hits (at most one entry per chunk and language). */
  private readonly termsByChunk = new Map<string, ReadonlySet<string>>();

  constructor(
    chunks: readonly Chunk[],
    private readonly bm25: Record<Lang, Bm25Index>,
    private readonly vectors: VectorIndex,
    private readonly embeddings: EmbeddingsInterface,
    private readonly options: RetrieverOptions = DEFAULT_OPTIONS,
  ) {
    this.chunks = new Map(chunks.map((c) => [c.id, c]));
    // The dictionaries take about half a second each to load: do it after start-up rather
    // than on the first voter's question that has a word the corpus lacks.
    this.vocab = { fr: new Map(), en: new Map() };
    this.size = { fr: 0, en: 0 };
    this.lexicon = { fr: new Map(), en: new Map() };
    for (const c of chunks) {
      this.size[c.lang]++;
      for (const w of words(searchableText(c))) {
        const f = fold(w);
        this.lexicon[c.lang].set(f, (this.lexicon[c.lang].get(f) ?? 0) + 1);
      }
      for (const t of new Set(terms(searchableText(c), c.lang))) this.vocab[c.lang].set(t, (this.vocab[c.lang].get(t) ?? 0) + 1);
    }
  }

  /** A chunk's analysed terms, worked out once: the best hits recur from turn to turn. */
  private chunkTerms(chunk: Chunk, lang: Lang): ReadonlySet<string> {
    const key = `${lang}:${chunk.id}`;
    let t = this.termsByChunk.get(key);
    if (t === undefined) {
      t = new Set(terms(searchableText(chunk), lang));
      this.termsByChunk.set(key, t);
    }
    return t;
  }

  idf(term: string, lang: Lang): number {
    const n = this.size[lang];
    const df = this.vocab[lang].get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  async retrieve(query: string, lang: Lang, k: number): Promise<Retrieval> {
    const vocab = this.vocab[lang];
    const own = [...new Set(terms(query, lang))];
    const { byTerm: corrections, words: fixes } = this.corrections(query, lang);
    const expansion = expand(query, lang);
    // Corrected spellings join the query so that both rankings see the word the corpus uses.
    const expandedQuery = fixes.length === 0 ? expansion.query : `${expansion.query} ${fixes.join(" ")}`;
    const qv = await this.embeddings.embedQuery(expandedQuery);
    // The lexicon's official terms find the passage a colloquial word means; they must not
    // outweigh the voter's own words ("closer to my work" is not about time off work).
    // Spelling corrections are guesses and weigh the same.
    const ownSet = new Set(own);
    const lexical = this.bm25[lang].search(expandedQuery, this.options.candidates, (t) => (ownSet.has(t) ? 1 : EXPANSION_BOOST));
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
    // Words the lexicon recognised count as known, and as covered when the passage has
    // one of the official terms they map to.
    const explained = new Set(terms(expansion.matched.join(" "), lang));
    const addedTerms = terms(expansion.added.join(" "), lang);
    const unknownTerms = own.filter((t) => !vocab.has(t) && !explained.has(t));
    // Words that say who asks or on whose behalf ("ma mère", "my kids") and chat-speak situate
    // a question wherever they occur; names and times do only where the voter wrote them so.
    // Auxiliary verb forms ("pouvoir", "va", "fasse") are grammar, neutral the same way.
    const situatingWords = situatingAndAuxiliaryTerms(lang);
    // Looked up beside the language's fixed set rather than copied into one with it, every turn.
    const situatingHere = new Set([
      ...properNounTerms(query, lang),
      ...clockTerms(query, lang),
      ...ageTerms(query, lang),
      ...abroadTerms(query, lang),
      // The year the voter's situation began, the amount they gave (text/own-figures.ts).
      ...ownFigureTerms(query, lang),
    ]);
    // A redaction placeholder stands for the voter's own data, and "là-bas", "quelque part",
    // "anything" for something said elsewhere: never what is asked.
    // A span of months or a habit ("de septembre à avril", "every winter") says when the
    // voter's situation holds, never what is asked (text/periods.ts).
    const pointers = new Set([...redactionTerms(query, lang), ...deicticTerms(query, lang), ...periodTerms(query, lang)]);
    const neutralTerms = unknownTerms.filter((t) => (situatingWords.has(t) || situatingHere.has(t) || pointers.has(t)) && !corrections[t]);
    // The shares weigh what the question asks, so a situating word the corpus happens to know
    // ("parents", "depuis", "bas" of "là-bas") counts no more than one it does not: the
    // composer's focus check already treats the situating words as neutral.
    const counted = own.filter((t) => !neutralTerms.includes(t) && !situatingWords.has(t) && !pointers.has(t));
    const unknownCounted = unknownTerms.filter((t) => !neutralTerms.includes(t) && !corrections[t]);
    // The composer answers from several passages, so coverage is that of the best few together.
    // Each best hit's own term set, looked up in turn rather than merged into one every turn.
    const topTerms = hits.slice(0, COVERAGE_HITS).map((h) => this.chunkTerms(h.chunk, lang));
    const inTop = (t: string) => topTerms.some((set) => set.has(t));
    const topHasAdded = addedTerms.some(inTop);
    const covered = counted.filter((t) => inTop(corrections[t] ?? t) || (explained.has(t) && topHasAdded)).length;
    return {
      query,
      expandedQuery,
      hits,
      knownTermShare: counted.length === 0 ? 0 : (counted.length - unknownCounted.length) / counted.length,
      topCoverage: counted.length === 0 ? 0 : covered / counted.length,
      unknownTerms,
      neutralTerms,
      corrections,
    };
  }

  /**
   * Spelling corrections for the query's words the corpus does not know, keyed by the
   * misspelt term: the closest corpus word (see correctWord), or, in French, the word left
   * once a clitic glued on without its apostrophe is removed ("lelection", "minscrire").
   */
  private corrections(query: string, lang: Lang): { byTerm: Record<string, string>; words: string[] } {
    const vocab = this.vocab[lang];
    const lexicon = this.lexicon[lang];
    const out: Record<string, string> = {};
    const fixes: string[] = [];
    for (const w of words(query)) {
      const f = fold(w);
      if (STOPWORDS.has(f) || lexicon.has(f) || /\d/.test(f)) continue;
      const [term] = terms(w, lang);
      if (!term || vocab.has(term)) continue;
      const unglued = lang === "fr" && /^[cdjlmnst]./.test(f) && lexicon.has(f.slice(1)) ? f.slice(1) : null;
      // A real word the corpus does not use ("shift", "fille") is not a misspelling of one it
      // does; with no dictionary to tell, nothing is corrected.
      const isWord = this.options.isWord;
      if (!unglued && (!isWord || isWord(f, lang))) continue;
      const fix = unglued ?? correctWord(f, lexicon);
      const fixed = fix ? terms(fix, lang)[0] : undefined;
      if (fix && fixed && vocab.has(fixed)) {
        out[term] = fixed;
        fixes.push(fix);
      }
    }
    return { byTerm: out, words: fixes };
  }
}
