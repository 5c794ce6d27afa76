import { createHash } from "node:crypto";
import { z } from "zod";
import type { SqlExecutor } from "../adapters/sql.js";
import { canonicalBytes, type Signer } from "../seal/sign.js";
import { storedRows } from "./audit-log.js";
import { canonicalJson } from "./chain.js";
import { CheckpointSchema, signCheckpoint, type Checkpoint } from "./checkpoint.js";
import type { StoredEvent } from "./event.js";
import pkg from "../../package.json" with { type: "json" };

/**
 * Export bundles: a stretch of the chain that anyone can verify offline with the public
 * keys alone. Two equivalent forms carry the same bytes:
 *  - a directory: events.jsonl (one stored row per line, canonical JSON, header and body
 *    as the exact stored strings), keys.json (JWK set), manifest.json (signed);
 *  - one NDJSON document (what the API streams): a first line {"format","keys"}, then the
 *    events.jsonl lines, then a last line {"manifest": …}.
 * The manifest's SHA-256 of events.jsonl and keys.json holds for both forms.
 */
export const BUNDLE_FORMAT = "scrutin-audit-bundle/1";
export const TOOL = { name: "scrutin", version: pkg.version };

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  tool: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
  range: z.strictObject({
    from: z.string().nullable(),
    to: z.string().nullable(),
    firstSeq: z.number().int().min(1),
    lastSeq: z.number().int().min(1),
    firstPrevHash: hex64,
    lastHash: hex64,
    complete: z.boolean(),
    endsAtHead: z.boolean(),
    note: z.string(),
  }),
  counts: z.strictObject({
    events: z.number().int(),
    turns: z.number().int(),
    purged: z.number().int(),
    withheld: z.number().int(),
    byType: z.record(z.string(), z.number().int()),
  }),
  withdrawn: z.array(z.strictObject({ turnId: z.string(), seq: z.number().int(), takedownSeq: z.number().int() })),
  withheld: z.array(z.number().int()),
  checkpoint: CheckpointSchema,
  head: CheckpointSchema,
  files: z.strictObject({
    "events.jsonl": z.strictObject({ sha256: hex64, bytes: z.number().int(), lines: z.number().int() }),
    "keys.json": z.strictObject({ sha256: hex64, bytes: z.number().int() }),
  }),
  signature: z.strictObject({ alg: z.literal("Ed25519"), keyId: z.string(), value: z.string() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const ExportRowSchema = z.strictObject({
  seq: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  createdAt: z.string(),
  conversationId: z.string().nullable(),
  turnId: z.string().nullable(),
  lang: z.string().nullable(),
  answerKind: z.string().nullable(),
  header: z.string(),
  body: z.string().nullable(),
  bodyHash: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

export function exportLine(r: StoredEvent): string {
  return canonicalJson({
    seq: r.seq, eventId: r.eventId, type: r.type, createdAt: r.createdAt, conversationId: r.conversationId, turnId: r.turnId,
    lang: r.lang, answerKind: r.answerKind, header: r.header, body: r.body, bodyHash: r.bodyHash, prevHash: r.prevHash, hash: r.hash,
  });
}

export function keysFileText(keys: readonly unknown[]): string {
  return `${canonicalJson({ keys })}\n`;
}

export interface ExportOptions {
  /** ISO date or date-time; the first row created at or after it starts the bundle. */
  from?: Date;
  /** The last row created before it ends the bundle. */
  to?: Date;
  /** Leave out the texts of withdrawn turns (for publication); auditors get them by default. */
  withholdWithdrawn?: boolean;
}

export interface ExportSink {
  keys(jwks: unknown[], text: string): Promise<void>;
  event(line: string): Promise<void>;
}

export class EmptyRangeError extends Error {
  override readonly name = "EmptyRangeError";
}

/**
 * Writes a bundle through `sink` and returns its signed manifest. `head` is a fresh signed
 * checkpoint of the chain head (written to the checkpoint store by the caller): the bundle
 * ends at it unless `to` ends it earlier.
 */
export async function writeBundle(
  db: SqlExecutor,
  opts: ExportOptions & { signer: Signer; head: Checkpoint; keys: unknown[]; now: Date },
  sink: ExportSink,
): Promise<Manifest> {
  const range = await seqRange(db, opts);
  if (!range) throw new EmptyRangeError("No audit events in that range.");
  const keysText = keysFileText(opts.keys);
  await sink.keys(opts.keys, keysText);

  const takedowns = await db.query<{ turn_id: string; seq: string }>(
    "SELECT turn_id, min(seq)::text AS seq FROM audit_events WHERE type = 'takedown' AND turn_id IS NOT NULL GROUP BY turn_id",
  );
  const takedownOf = new Map(takedowns.rows.map((t) => [t.turn_id, Number(t.seq)]));

  const events = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  let first: StoredEvent | null = null;
  let last: StoredEvent | null = null;
  const counts = { events: 0, turns: 0, purged: 0, withheld: 0, byType: {} as Record<string, number> };
  const withdrawn: Manifest["withdrawn"] = [];
  const withheld: number[] = [];
  for await (const stored of storedRows(db, { fromSeq: range.firstSeq, toSeq: range.lastSeq })) {
    let r = stored;
    const takedownSeq = r.type === "turn" && r.turnId ? takedownOf.get(r.turnId) : undefined;
    if (takedownSeq !== undefined) {
      withdrawn.push({ turnId: r.turnId!, seq: r.seq, takedownSeq });
      if (opts.withholdWithdrawn && r.body !== null) {
        r = { ...r, body: null };
        withheld.push(r.seq);
        counts.withheld += 1;
      }
    }
    if (stored.body === null && stored.bodyHash !== "0".repeat(64)) counts.purged += 1;
    if (r.type === "turn") counts.turns += 1;
    counts.events += 1;
    counts.byType[r.type] = (counts.byType[r.type] ?? 0) + 1;
    const line = `${exportLine(r)}\n`;
    events.update(line, "utf8");
    bytes += Buffer.byteLength(line, "utf8");
    lines += 1;
    first ??= r;
    last = r;
    await sink.event(line.slice(0, -1));
  }
  if (!first || !last) throw new EmptyRangeError("No audit events in that range.");

  const complete = first.seq === 1;
  const endsAtHead = last.seq === opts.head.seq;
  const unsigned: Omit<Manifest, "signature"> = {
    format: BUNDLE_FORMAT,
    tool: TOOL,
    createdAt: opts.now.toISOString(),
    range: {
      from: opts.from?.toISOString() ?? null,
      to: opts.to?.toISOString() ?? null,
      firstSeq: first.seq,
      lastSeq: last.seq,
      firstPrevHash: first.prevHash,
      lastHash: last.hash,
      complete,
      endsAtHead,
      note: complete
        ? "Starts at the first row of the chain (prev_hash is the genesis hash)."
        : `Partial range: verify from row ${first.seq}, whose prev_hash ${first.prevHash} is the hash of row ${first.seq - 1} (not included).`,
    },
    counts,
    withdrawn,
    withheld,
    checkpoint: endsAtHead ? opts.head : await signCheckpoint({ seq: last.seq, hash: last.hash }, opts.signer, opts.now.toISOString()),
    head: opts.head,
    files: {
      "events.jsonl": { sha256: events.digest("hex"), bytes, lines },
      "keys.json": { sha256: createHash("sha256").update(keysText, "utf8").digest("hex"), bytes: Buffer.byteLength(keysText, "utf8") },
    },
  };
  const value = await opts.signer.sign(canonicalBytes(unsigned));
  return { ...unsigned, signature: { alg: "Ed25519", keyId: opts.signer.keyId, value } };
}

/**
 * The contiguous rows for a date range. Rows are chained in commit order while created_at
 * is the turn's start, so the bundle runs from the first row created at or after `from` to
 * the last row created before `to`, including any row in between whatever its time.
 */
async function seqRange(db: SqlExecutor, opts: ExportOptions & { head: Checkpoint }): Promise<{ firstSeq: number; lastSeq: number } | null> {
  const r = await db.query<{ first: string | null; last: string | null }>(
    `SELECT (SELECT min(seq) FROM audit_events WHERE seq <= $3 AND ($1::timestamptz IS NULL OR created_at >= $1))::text AS first,
            (SELECT max(seq) FROM audit_events WHERE seq <= $3 AND ($2::timestamptz IS NULL OR created_at < $2))::text AS last`,
    [opts.from?.toISOString() ?? null, opts.to?.toISOString() ?? null, opts.head.seq],
  );
  const first = r.rows[0]?.first;
  const last = r.rows[0]?.last;
  if (!first || !last || Number(first) > Number(last)) return null;
  return { firstSeq: Number(first), lastSeq: Number(last) };
}

/** The keys an export ships: every key announced on the chain, and any registered key. */
export async function exportKeys(db: SqlExecutor): Promise<unknown[]> {
  const out = new Map<string, unknown>();
  const announced = await db.query<{ header: string }>("SELECT header FROM audit_events WHERE type = 'key' ORDER BY seq");
  for (const row of announced.rows) {
    const h: unknown = JSON.parse(row.header);
    if (typeof h === "object" && h !== null && "kid" in h && "jwk" in h && typeof h.kid === "string") out.set(h.kid, h.jwk);
  }
  const table = await db.query<{ kid: string; jwk: string }>("SELECT kid, jwk FROM signing_keys ORDER BY first_seen, kid");
  for (const row of table.rows) if (!out.has(row.kid)) out.set(row.kid, JSON.parse(row.jwk));
  return [...out.values()];
}
