import type { SqlClient } from "../adapters/sql.js";
import type { AuditLog } from "./audit-log.js";
import type { StoredEvent } from "./event.js";
import { rangeCount, toRanges, type SeqRange } from "./ranges.js";

/**
 * Retention purges and data-subject erasures. Both blank the `body` of rows (the
 * redacted question, the envelope with the answer text) and keep everything hashed:
 * body_hash, header and row hash stay, so the chain still verifies. The purge and the
 * event recording it (which rows, why, by whom; never any text) commit together.
 */
export type Actor =
  | { type: "token"; tokenId: string; name: string; role: string }
  | { type: "system"; name: string }
  | { type: "cli"; name: string };

export interface PurgeOutcome {
  event: StoredEvent | null;
  rows: SeqRange[];
  count: number;
  compaction: Compaction;
}

export interface Compaction {
  mode: "vacuum" | "full" | "none";
  notes: string[];
}

/** Removes the texts of every event created before `cutoff`; one purge event per run that removed anything. */
export async function purgeBefore(
  log: AuditLog,
  opts: { cutoff: Date; reason: string; actor: Actor; retentionDays?: number; now: Date; eventId: string },
): Promise<PurgeOutcome> {
  const done = await log.transact(async (tx, append) => {
    const r = await tx.query<{ seq: string }>("UPDATE audit_events SET body = NULL WHERE created_at < $1 AND body IS NOT NULL RETURNING seq::text AS seq", [
      opts.cutoff.toISOString(),
    ]);
    if (r.rows.length === 0) return { event: null, rows: [] as SeqRange[] };
    const rows = toRanges(r.rows.map((x) => Number(x.seq)));
    const [event] = await append([
      {
        type: "purge",
        eventId: opts.eventId,
        createdAt: opts.now.toISOString(),
        header: { reason: opts.reason, cutoff: opts.cutoff.toISOString(), retentionDays: opts.retentionDays ?? null, actor: opts.actor, rows, count: rangeCount(rows) },
        body: null,
      },
    ]);
    return { event: event!, rows };
  });
  const compaction = done.event ? await compact(log.db, "vacuum") : { mode: "none" as const, notes: [] };
  return { ...done, count: rangeCount(done.rows), compaction };
}

export class UnknownConversationError extends Error {
  override readonly name = "UnknownConversationError";
}

/**
 * Erases one conversation's texts on a data-subject request and records an erasure event
 * (even when retention had already removed them: the request itself is on the record).
 * The table is then rewritten (VACUUM FULL) so the old row versions leave the data files.
 */
export async function eraseConversation(
  log: AuditLog,
  opts: { conversationId: string; reason: string; actor: Actor; now: Date; eventId: string },
): Promise<PurgeOutcome> {
  const done = await log.transact(async (tx, append) => {
    const known = await tx.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE conversation_id = $1 AND type = 'turn'", [opts.conversationId]);
    if (Number(known.rows[0]?.n ?? 0) === 0) throw new UnknownConversationError(`No conversation ${opts.conversationId} in the audit log.`);
    const r = await tx.query<{ seq: string }>("UPDATE audit_events SET body = NULL WHERE conversation_id = $1 AND body IS NOT NULL RETURNING seq::text AS seq", [
      opts.conversationId,
    ]);
    const rows = toRanges(r.rows.map((x) => Number(x.seq)));
    const [event] = await append([
      {
        type: "erasure",
        eventId: opts.eventId,
        createdAt: opts.now.toISOString(),
        conversationId: opts.conversationId,
        header: { reason: opts.reason, actor: opts.actor, rows, count: rangeCount(rows) },
        body: null,
      },
    ]);
    return { event: event!, rows };
  });
  const compaction = done.rows.length > 0 ? await compact(log.db, "full") : { mode: "none" as const, notes: [] };
  return { ...done, count: rangeCount(done.rows), compaction };
}

/**
 * Gets purged text out of the database files. UPDATE leaves the old row version (and its
 * TOAST chunks) in place until VACUUM; plain VACUUM frees them but a freed page can keep
 * the bytes until reused, so an erasure rewrites the table (VACUUM FULL, which blocks
 * appends while it runs). Then WAL is switched and checkpointed so the segments holding
 * the original inserts are removed. What remains outside our reach (WAL archives,
 * replicas, backups, free disk blocks) is documented in the README.
 */
export async function compact(db: SqlClient, mode: "vacuum" | "full"): Promise<Compaction> {
  const notes: string[] = [];
  await db.exec(mode === "full" ? "VACUUM (FULL) audit_events" : "VACUUM audit_events");
  if (mode === "full") {
    // In PGlite the checkpointer is this process, so the setting applies to the next checkpoint;
    // on a server it is the cluster's setting (see the README).
    if (db.dialect === "pglite") await db.exec("SET wal_recycle = off");
    for (let i = 0; i < 2; i++) {
      for (const [sql, what] of [["SELECT pg_switch_wal()", "WAL switch"], ["CHECKPOINT", "checkpoint"]] as const) {
        try {
          await db.query(sql);
        } catch (err) {
          const note = `${what} not permitted for this database role (${err instanceof Error ? err.message : String(err)}): older WAL segments are removed at the server's next checkpoints`;
          if (!notes.includes(note)) notes.push(note);
        }
      }
    }
    if (db.dialect === "pglite") await db.exec("RESET wal_recycle");
  }
  return { mode, notes };
}
