import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Bm25Index } from "../retrieve/bm25.js";
import { PORTABLE_INDEX_FORMAT, packVectors, sha256Hex, type PortableManifest } from "../retrieve/portable-index.js";
import { chunkDocuments, searchableText } from "./chunk.js";
import { loadCorpus } from "./load.js";
import { corpusVersion } from "./version.js";

export interface PortableArtifact {
  manifest: PortableManifest;
  /** Little-endian Float32 rows, chunk order. */
  vectors: Uint8Array;
}

/**
 * Builds the portable index artifact from the corpus with the same steps as the Node
 * index (src/ingest/build-index.ts): same chunking, same searchable text, same embedder,
 * same BM25 build. Only the vector structure differs (raw rows instead of an HNSW graph).
 */
export async function exportPortableIndex(opts: {
  corpusDir: string;
  embeddings: EmbeddingsInterface;
  embedderId: string;
  domains?: readonly string[];
  now?: () => Date;
}): Promise<PortableArtifact> {
  const documents = await loadCorpus(opts.corpusDir, opts.domains);
  const chunks = await chunkDocuments(documents);
  const vectors = await opts.embeddings.embedDocuments(chunks.map(searchableText));
  const dimensions = vectors[0]?.length ?? 0;
  if (dimensions === 0) throw new Error("the embedder returned no vectors");
  const packed = packVectors(vectors, dimensions);
  const manifest: PortableManifest = {
    format: PORTABLE_INDEX_FORMAT,
    corpusVersion: corpusVersion(documents),
    embedder: opts.embedderId,
    dimensions,
    builtAt: (opts.now ?? (() => new Date()))().toISOString(),
    documents: documents.map((d) => ({ id: d.id, lang: d.lang, title: d.title, sourceUrl: d.source_url })),
    chunks,
    bm25: { fr: Bm25Index.build("fr", chunks).toJSON(), en: Bm25Index.build("en", chunks).toJSON() },
    vectorsSha256: sha256Hex(packed),
  };
  return { manifest, vectors: packed };
}
