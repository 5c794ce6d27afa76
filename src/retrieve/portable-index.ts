import { Embeddings, type EmbeddingsInterface } from "@langchain/core/embeddings";
import { createHash } from "node:crypto";
import { z } from "zod";
import { LangSchema } from "../contract/envelope.js";
import { ChunkSchema, type Chunk } from "../ingest/chunk.js";
import { Bm25Index } from "./bm25.js";
import { PackedVectorIndex } from "./flat-vector-index.js";
import { HybridRetriever } from "./retrieve.js";

/**
 * The portable index artifact: everything retrieval needs, built at build time from one
 * corpus version, so a runtime without native addons or a file system (Cloudflare
 * Workers) serves the same retrieval as the Node server. Two files: this manifest (JSON)
 * and the vectors (raw little-endian Float32, chunk order, one row per chunk).
 */
export const PORTABLE_INDEX_FORMAT = "scrutin-portable-index/1";

export const PortableManifestSchema = z.object({
  format: z.literal(PORTABLE_INDEX_FORMAT),
  corpusVersion: z.string(),
  embedder: z.string(),
  dimensions: z.number().int().positive(),
  builtAt: z.string(),
  documents: z.array(z.object({ id: z.string(), lang: LangSchema, title: z.string(), sourceUrl: z.string() })),
  chunks: z.array(ChunkSchema),
  /** MiniSearch's own serialisation of each language's BM25 index. */
  bm25: z.object({ fr: z.string(), en: z.string() }),
  /** SHA-256 (hex) of the vectors file, so a manifest is never paired with another build's vectors. */
  vectorsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PortableManifest = z.infer<typeof PortableManifestSchema>;

export class PortableIndexError extends Error {
  override readonly name = "PortableIndexError";
}

/** Little-endian Float32 bytes of the vectors, row after row. */
export function packVectors(vectors: readonly (readonly number[])[], dimensions: number): Uint8Array {
  const out = new Float32Array(vectors.length * dimensions);
  vectors.forEach((v, i) => {
    if (v.length !== dimensions) throw new PortableIndexError(`vector ${i} has ${v.length} dimensions, expected ${dimensions}`);
    out.set(v, i * dimensions);
  });
  return new Uint8Array(out.buffer);
}

/** Synchronous (node:crypto, also on Workers with nodejs_compat): Web Crypto's digest is async only. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface PortableIndex {
  retriever: HybridRetriever;
  /** The exact vector scan inside `retriever`. */
  vectors: PackedVectorIndex;
  manifest: PortableManifest;
  chunks: Chunk[];
  /**
   * Names the runtime's embedder, which must be the one the vectors were made with (else
   * query and chunk vectors would not be comparable). Until then `retrieve` fails.
   */
  useEmbeddings(embeddings: EmbeddingsInterface, embedderId: string): void;
}

/**
 * The query embedder, chosen after the index is built: a Worker builds its index while it
 * starts (a budget of its own, before any request) but reads its configuration per request.
 */
class DeferredEmbeddings extends Embeddings {
  target: EmbeddingsInterface | null = null;
  private get ready(): EmbeddingsInterface {
    if (!this.target) throw new PortableIndexError("no embedder attached to the portable index (call useEmbeddings first)");
    return this.target;
  }
  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.ready.embedDocuments(texts);
  }
  embedQuery(text: string): Promise<number[]> {
    return this.ready.embedQuery(text);
  }
}

/**
 * Loads the artifact, synchronously (it runs in a Worker's global scope): checks that the
 * two files belong together, then assembles the same hybrid retriever as Node over an exact
 * scan. Throws a PortableIndexError naming what is wrong.
 */
export function loadPortableIndex(manifestJson: unknown, vectors: ArrayBuffer): PortableIndex {
  const parsed = PortableManifestSchema.safeParse(manifestJson);
  if (!parsed.success) throw new PortableIndexError(`not a ${PORTABLE_INDEX_FORMAT} manifest: ${parsed.error.issues[0]?.message}`);
  const manifest = parsed.data;
  const bytes = new Uint8Array(vectors);
  const expected = manifest.chunks.length * manifest.dimensions * 4;
  if (bytes.byteLength !== expected) throw new PortableIndexError(`vectors file has ${bytes.byteLength} bytes, expected ${expected}`);
  if (sha256Hex(bytes) !== manifest.vectorsSha256) throw new PortableIndexError("vectors file does not match the manifest (sha256 differs): rebuild the index");
  // Copy into an aligned buffer: the bundled module's bytes carry no alignment guarantee.
  const data = new Float32Array(manifest.chunks.length * manifest.dimensions);
  new Uint8Array(data.buffer).set(bytes);
  const vectorIndex = new PackedVectorIndex(
    manifest.chunks.map((c) => ({ chunkId: c.id, lang: c.lang })),
    manifest.dimensions,
    data,
  );
  const bm25 = { fr: Bm25Index.fromJSON("fr", manifest.bm25.fr), en: Bm25Index.fromJSON("en", manifest.bm25.en) };
  const deferred = new DeferredEmbeddings({});
  return {
    retriever: new HybridRetriever(manifest.chunks, bm25, vectorIndex, deferred),
    vectors: vectorIndex,
    manifest,
    chunks: manifest.chunks,
    useEmbeddings(embeddings, embedderId) {
      if (manifest.embedder !== embedderId) {
        throw new PortableIndexError(`the index was built with embedder "${manifest.embedder}" but the runtime uses "${embedderId}": rebuild it (npm run build:worker-index)`);
      }
      deferred.target = embeddings;
    },
  };
}

/** Loads the artifact and attaches the runtime's embedder (see loadPortableIndex, useEmbeddings). */
export async function openPortableIndex(manifestJson: unknown, vectors: ArrayBuffer, embeddings: EmbeddingsInterface, embedderId: string): Promise<PortableIndex> {
  const index = loadPortableIndex(manifestJson, vectors);
  index.useEmbeddings(embeddings, embedderId);
  return index;
}
