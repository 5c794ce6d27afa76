import type { SqlExecutor } from "../adapters/sql.js";
import { storedRows } from "./audit-log.js";
import { GENESIS_HASH } from "./chain.js";
import { storedCheckpoints, type SourcedCheckpoint } from "./checkpoint.js";
import { verifyChain, type VerifyReport } from "./verify.js";

export interface StoreVerifyOptions {
  /** The append-only checkpoint file outside the database (DATA_DIR/audit-checkpoints.jsonl by default). */
  checkpointFile: string | null;
  /** Keys the auditor pinned (e.g. from /api/keys saved earlier): then only these are trusted. */
  pinnedKeys?: readonly unknown[];
  /** Checkpoints the auditor kept (from /api/audit/head or an earlier export). */
  keptCheckpoints?: readonly SourcedCheckpoint[];
}

export type StoreReport = VerifyReport & { warnings: string[] };

/**
 * Verifies the whole chain in the store, from row 1, against the checkpoints in the table,
 * in the checkpoint file and any the auditor kept. Keys are those the chain announces,
 * unless the auditor pinned keys. Takes an executor, so it also runs inside a transaction.
 */
export async function verifyStore(db: SqlExecutor, opts: StoreVerifyOptions): Promise<StoreReport> {
  const stored = await storedCheckpoints(db, opts.checkpointFile);
  const report = await verifyChain(storedRows(db), {
    start: { seq: 1, prevHash: GENESIS_HASH },
    keys: opts.pinnedKeys ?? [],
    trustAnnounced: opts.pinnedKeys === undefined,
    checkpoints: [...stored.checkpoints, ...(opts.keptCheckpoints ?? [])],
    requirePurgeRecords: true,
  });
  return { ...report, warnings: stored.problems };
}
