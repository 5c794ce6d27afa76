import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { SqlExecutor } from "../adapters/sql.js";
import { canonicalBytes, type Signer } from "../seal/sign.js";
import type { AuditLog } from "./audit-log.js";
import { canonicalJson } from "./chain.js";
import type { KeyRing } from "./keyring.js";

/**
 * Signed checkpoints of the chain head. A hash chain alone cannot show that its tail was
 * cut off: the shorter chain is still a valid chain. A checkpoint ("at this time, row
 * `seq` had hash `hash`", signed with the service key) kept anywhere outside the rows —
 * the checkpoint file in DATA_DIR, the table, /api/audit/head, every export manifest, an
 * auditor's own copy — makes a shorter or rewritten chain detectable.
 */
export const CHECKPOINT_TYPE = "scrutin.audit.checkpoint/1";

export const CheckpointSchema = z.strictObject({
  type: z.literal(CHECKPOINT_TYPE),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime({ offset: true }),
  keyId: z.string().min(1),
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** A checkpoint and where it was found, so a report can say which copy disagrees. */
export interface SourcedCheckpoint {
  checkpoint: Checkpoint;
  source: string;
}

export async function signCheckpoint(head: { seq: number; hash: string }, signer: Signer, createdAt: string): Promise<Checkpoint> {
  const unsigned = { type: CHECKPOINT_TYPE, seq: head.seq, hash: head.hash, createdAt, keyId: signer.keyId } as const;
  return { ...unsigned, signature: await signer.sign(canonicalBytes(unsigned)) };
}

export function checkpointValid(cp: Checkpoint, ring: KeyRing): Promise<boolean> {
  const { signature, ...unsigned } = cp;
  return ring.verify(cp.keyId, canonicalJson(unsigned), signature);
}

/** Parses a checkpoint kept by an auditor: a checkpoint as /api/audit/head serves it, or any JSON holding one under `checkpoint` or `head`. */
export function parseKeptCheckpoint(json: unknown): Checkpoint | null {
  const direct = CheckpointSchema.safeParse(json);
  if (direct.success) return direct.data;
  if (typeof json === "object" && json !== null) {
    for (const key of ["head", "checkpoint"] as const) {
      if (key in json) {
        const r = CheckpointSchema.safeParse((json as Record<string, unknown>)[key]);
        if (r.success) return r.data;
      }
    }
  }
  return null;
}

/** Reads an append-only checkpoint file (one JSON checkpoint per line). A missing file is empty. */
export async function readCheckpointFile(file: string): Promise<{ checkpoints: SourcedCheckpoint[]; malformedLines: number[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { checkpoints: [], malformedLines: [] };
    throw err;
  }
  const checkpoints: SourcedCheckpoint[] = [];
  const malformedLines: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      malformedLines.push(i + 1);
      return;
    }
    const r = CheckpointSchema.safeParse(parsed);
    if (r.success) checkpoints.push({ checkpoint: r.data, source: `${file}:${i + 1}` });
    else malformedLines.push(i + 1);
  });
  return { checkpoints, malformedLines };
}

/**
 * Writes checkpoints to the `audit_checkpoints` table and appends them to a file outside
 * the database. The table alone would not survive a truncation by whoever can delete rows;
 * the file (and any copy an auditor keeps) does.
 */
export class CheckpointWriter {
  private lastSeq = -1;

  constructor(
    private readonly log: AuditLog,
    private readonly signer: Signer,
    readonly file: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Signs the current head unless this writer already did (or `force`); returns what it wrote. */
  async write(opts: { force?: boolean } = {}): Promise<Checkpoint | null> {
    const head = await this.log.head();
    if (!opts.force && head.seq === this.lastSeq) return null;
    const cp = await signCheckpoint(head, this.signer, this.now().toISOString());
    await this.log.db.query("INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, checkpoint) VALUES ($1, $2, $3, $4, $5)", [
      cp.seq, cp.hash, cp.createdAt, cp.keyId, canonicalJson(cp),
    ]);
    if (this.file) {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${canonicalJson(cp)}\n`, { mode: 0o644 });
    }
    this.lastSeq = head.seq;
    return cp;
  }

  /** The most recent checkpoint of the chain (the public head). */
  async latest(): Promise<Checkpoint | null> {
    const r = await this.log.db.query<{ checkpoint: string }>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC, id DESC LIMIT 1");
    return r.rows[0] ? CheckpointSchema.parse(JSON.parse(r.rows[0].checkpoint)) : null;
  }
}

/** Every checkpoint in the table, then in the file: what `verify` compares the chain with. */
export async function storedCheckpoints(db: SqlExecutor, file: string | null): Promise<{ checkpoints: SourcedCheckpoint[]; problems: string[] }> {
  const problems: string[] = [];
  const checkpoints: SourcedCheckpoint[] = [];
  const r = await db.query<{ id: string; checkpoint: string }>("SELECT id::text AS id, checkpoint FROM audit_checkpoints ORDER BY id");
  for (const row of r.rows) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(row.checkpoint);
    } catch {
      // reported below
    }
    const cp = CheckpointSchema.safeParse(parsed);
    if (cp.success) checkpoints.push({ checkpoint: cp.data, source: `table audit_checkpoints id ${row.id}` });
    else problems.push(`audit_checkpoints id ${row.id} is not a checkpoint`);
  }
  if (file) {
    const f = await readCheckpointFile(file);
    checkpoints.push(...f.checkpoints);
    for (const line of f.malformedLines) problems.push(`${file}:${line} is not a checkpoint`);
  }
  return { checkpoints, problems };
}
