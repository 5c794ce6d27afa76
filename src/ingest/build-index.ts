import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { Bm25Index } from "../retrieve/bm25.js";
import { HnswVectorIndex } from "../retrieve/hnsw-index.js";
import { HybridRetriever } from "../retrieve/retrieve.js";
import { ChunkSchema, searchableText, chunkDocuments, type Chunk } from "./chunk.js";
import type { CorpusDocument } from "./document.js";
import { loadCorpus } from "./load.js";
import { corpusVersion } from "./version.js";
import { indexFingerprint } from "./index-key.js";
import { isDictionaryWord, warmDictionaries } from "../text/dictionary.js";

/** On Node the word lists are at hand, so the retriever may correct misspellings. */
const RETRIEVER_OPTIONS = { candidates: 20, weights: [1, 1] as [number, number], isWord: isDictionaryWord };

const ManifestSchema = z.object({
  corpusVersion: z.string(),
  embedder: z.string(),
  chunkCount: z.number().int(),
  builtAt: z.string(),
});

export interface LoadedIndex {
  retriever: HybridRetriever;
  corpusVersion: string;
  documents: CorpusDocument[];
  chunks: Chunk[];
  /** Whether this start built the index (false: loaded from the on-disk cache). */
  built: boolean;
}

/**
 * Loads the corpus and its search index, reusing the index cached on disk under
 * DATA_DIR/index/<corpus version>-<embedder>-<fingerprint> when neither the corpus nor
 * the chunker and analyser that built it have changed (index-key.ts).
 */
export async function loadIndex(opts: {
  corpusDir: string;
  dataDir: string;
  embeddings: EmbeddingsInterface;
  embedderId: string;
  /** The configured allowlist of official source domains (the default list when absent). */
  domains?: readonly string[];
}): Promise<LoadedIndex> {
  const documents = await loadCorpus(opts.corpusDir, opts.domains);
  const version = corpusVersion(documents);
  const chunks = await chunkDocuments(documents);
  const key = `${version}-${opts.embedderId.replace(/[^a-z0-9.-]/gi, "_")}-${indexFingerprint(chunks)}`;
  const dir = path.join(opts.dataDir, "index", key);
  const cached = await readCached(dir, opts.embeddings);
  if (cached) {
    return { retriever: cached.retriever, corpusVersion: version, documents, chunks: cached.chunks, built: false };
  }
  const vectors = await opts.embeddings.embedDocuments(chunks.map(searchableText));
  const bm25 = { fr: Bm25Index.build("fr", chunks), en: Bm25Index.build("en", chunks) };
  const hnsw = await HnswVectorIndex.build(chunks, vectors, opts.embeddings);
  hnsw.setEf(64);
  // Write to a temporary directory, then rename: a crash never leaves a half index.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  await hnsw.save(tmp);
  await writeFile(path.join(tmp, "chunks.json"), JSON.stringify(chunks));
  await writeFile(path.join(tmp, "bm25-fr.json"), bm25.fr.toJSON());
  await writeFile(path.join(tmp, "bm25-en.json"), bm25.en.toJSON());
  const manifest = { corpusVersion: version, embedder: opts.embedderId, chunkCount: chunks.length, builtAt: new Date().toISOString() };
  await writeFile(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir).catch(async (err: NodeJS.ErrnoException) => {
    // Another process won the race and wrote the same content-addressed index.
    if (err.code !== "ENOTEMPTY" && err.code !== "EEXIST") throw err;
    await rm(tmp, { recursive: true, force: true });
  });
  const retriever = new HybridRetriever(chunks, bm25, hnsw, opts.embeddings, RETRIEVER_OPTIONS);
  warmDictionaries(chunks.map((c) => c.lang));
  return { retriever, corpusVersion: version, documents, chunks, built: true };
}

async function readCached(dir: string, embeddings: EmbeddingsInterface): Promise<{ retriever: HybridRetriever; chunks: Chunk[] } | null> {
  let manifestText: string;
  try {
    manifestText = await readFile(path.join(dir, "manifest.json"), "utf8");
  } catch {
    return null;
  }
  ManifestSchema.parse(JSON.parse(manifestText));
  const chunks = z.array(ChunkSchema).parse(JSON.parse(await readFile(path.join(dir, "chunks.json"), "utf8")));
  const bm25 = {
    fr: Bm25Index.fromJSON("fr", await readFile(path.join(dir, "bm25-fr.json"), "utf8")),
    en: Bm25Index.fromJSON("en", await readFile(path.join(dir, "bm25-en.json"), "utf8")),
  };
  const hnsw = await HnswVectorIndex.load(dir, embeddings);
  hnsw.setEf(64);
  warmDictionaries(chunks.map((c) => c.lang));
  return { retriever: new HybridRetriever(chunks, bm25, hnsw, embeddings, RETRIEVER_OPTIONS), chunks };
}
