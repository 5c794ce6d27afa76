import { CitationSchema } from "../contract/envelope.js";
import type { Chunk } from "../ingest/chunk.js";
import { GENESIS_HASH, canonicalJson, rowHash, sha256Hex } from "../log/chain.js";
import type { KeyRing } from "../log/keyring.js";
import type { TurnRecord } from "../log/read-turn.js";

/**
 * A turn as an auditor reviews it: the TurnRecord of read-turn.ts (unchanged, so API
 * clients such as the eval suite can parse it as one), plus each citation beside the
 * full passage it cites, and what can be checked about this one row on its own.
 */
export interface CitedPassage {
  n: number;
  chunkId: string;
  sourceId: string;
  /** The official source URL of the cited document. */
  url: string;
  title: string | null;
  /** The verbatim quote as signed in the envelope; null once the texts were purged. */
  quote: string | null;
  /**
   * Where `passage` comes from: the loaded corpus when the turn was answered from it
   * (`current`), the loaded corpus when the turn used another corpus version but this
   * passage is unchanged (same content-hashed id: `unchanged`), or nowhere (`other-version`).
   */
  passageFrom: "current" | "unchanged" | "other-version";
  passage: { title: string; heading: string; text: string; url: string } | null;
}

export interface TurnDetail extends TurnRecord {
  passages: CitedPassage[];
  corpus: { turnVersion: string | null; loadedVersion: string };
  verification: {
    /** `purged`: the envelope was removed by design, its signature can no longer be checked. */
    signature: "valid" | "invalid" | "unknown-key" | "purged";
    keyId: string | null;
    bodyMatchesHash: boolean | null;
    envelopeMatchesHeader: boolean | null;
    rowHashMatches: boolean;
    /** Whole-chain properties (links, order, completeness) are proven by verify, not here. */
    note: string;
  };
}

export interface RowHashes {
  header: string;
  body: string | null;
  bodyHash: string;
  prevHash: string;
  hash: string;
}

export async function turnDetail(
  record: TurnRecord,
  row: RowHashes,
  ctx: { chunks: ReadonlyMap<string, Chunk>; corpusVersion: string; ring: KeyRing },
): Promise<TurnDetail> {
  const turnVersion = typeof record.header.corpusVersion === "string" ? record.header.corpusVersion : null;
  return {
    ...record,
    passages: citedPassages(record, turnVersion, ctx),
    corpus: { turnVersion, loadedVersion: ctx.corpusVersion },
    verification: await checkRow(record, row, ctx.ring),
  };
}

function citedPassages(record: TurnRecord, turnVersion: string | null, ctx: { chunks: ReadonlyMap<string, Chunk>; corpusVersion: string }): CitedPassage[] {
  const fromEnvelope = Array.isArray(record.envelope?.citations) ? record.envelope.citations : null;
  const fromHeader = Array.isArray(record.header.citations) ? record.header.citations : [];
  const out: CitedPassage[] = [];
  for (const raw of fromEnvelope ?? fromHeader) {
    const full = CitationSchema.safeParse(raw);
    const c = full.success ? full.data : headerCitation(raw);
    if (!c) continue;
    const chunk = ctx.chunks.get(c.chunkId);
    const passageFrom = !chunk ? "other-version" : turnVersion === ctx.corpusVersion ? "current" : "unchanged";
    out.push({
      n: c.n,
      chunkId: c.chunkId,
      sourceId: c.sourceId,
      url: c.url,
      title: full.success ? full.data.title : (chunk?.title ?? null),
      quote: full.success ? full.data.quote : null,
      passageFrom,
      passage: chunk ? { title: chunk.title, heading: chunk.heading, text: chunk.text, url: chunk.url } : null,
    });
  }
  return out;
}

function headerCitation(raw: unknown): { n: number; chunkId: string; sourceId: string; url: string } | null {
  const r = CitationSchema.pick({ n: true, chunkId: true, sourceId: true, url: true }).safeParse(raw);
  return r.success ? r.data : null;
}

async function checkRow(record: TurnRecord, row: RowHashes, ring: KeyRing): Promise<TurnDetail["verification"]> {
  const note = "Checks of this row alone. Links, order and completeness of the whole chain are proven by verify.";
  const rowHashMatches = rowHash(row.prevHash, row.header, row.bodyHash) === row.hash;
  const headerKey = typeof record.header.keyId === "string" ? record.header.keyId : null;
  if (row.body === null || !record.envelope) {
    return { signature: "purged", keyId: headerKey, bodyMatchesHash: null, envelopeMatchesHeader: null, rowHashMatches, note };
  }
  const bodyMatchesHash = row.bodyHash !== GENESIS_HASH && sha256Hex(row.body) === row.bodyHash;
  const envelopeMatchesHeader = sha256Hex(canonicalJson(record.envelope)) === record.header.envelopeHash;
  const { signature, ...unsigned } = record.envelope;
  const sig = typeof signature === "object" && signature !== null ? (signature as Record<string, unknown>) : {};
  const keyId = typeof sig.keyId === "string" ? sig.keyId : headerKey;
  let status: TurnDetail["verification"]["signature"] = "invalid";
  if (keyId && !ring.has(keyId)) status = "unknown-key";
  else if (keyId && typeof sig.value === "string" && (await ring.verify(keyId, canonicalJson(unsigned), sig.value))) status = "valid";
  return { signature: status, keyId, bodyMatchesHash, envelopeMatchesHeader, rowHashMatches, note };
}
