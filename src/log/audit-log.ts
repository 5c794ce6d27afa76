import { sqlLiteral, type SqlClient, type SqlExecutor } from "../adapters/sql.js";
import { GENESIS_HASH, canonicalJson, rowHash, sha256Hex } from "./chain.js";
import type { NewEvent, StoredEvent } from "./event.js";
import { EventTypeSchema } from "./event.js";
import { migrate } from "./migrations.js";

interface Pending {
  event: NewEvent;
  resolve: (e: StoredEvent) => void;
  reject: (err: unknown) => void;
}

const CHAIN_LOCK = 724202;

interface Writer {
  /** The tail of the queue of write transactions. */
  writes: Promise<unknown>;
  knownHead: { seq: number; hash: string } | null;
}

/** Write state per database client, so two AuditLogs opened on one client cannot fork the chain. */
const writers = new WeakMap<SqlClient, Writer>();
const MAX_BATCH = 500;

/**
 * The append-only audit log. Appends are group-committed: events waiting while a
 * transaction runs go into the next one, in arrival order. On a Postgres server each
 * transaction takes an advisory lock and reads the chain head, so several processes
 * sharing one server extend a single chain instead of forking it; embedded PGlite has one
 * writer, which continues from the head it last committed. `append` resolves only after
 * commit: a turn is in the log before its answer is sent.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;
  /** Shared by every AuditLog over the same client (see `writers`). */
  private readonly writer: Writer;

  private constructor(readonly db: SqlClient) {
    let w = writers.get(db);
    if (!w) writers.set(db, (w = { writes: Promise.resolve(), knownHead: null }));
    this.writer = w;
  }

  /**
   * The chain head as of the last committed write, kept only for embedded PGlite: one
   * process owns that store (lock file) and writes through this client, so re-reading the
   * head (and taking the advisory lock) in every group commit is pure overhead, about a
   * third of a small batch's cost (BENCHMARKS.md). Servers shared by several processes
   * always read it under the lock.
   */
  private get knownHead(): { seq: number; hash: string } | null {
    return this.writer.knownHead;
  }

  private set knownHead(head: { seq: number; hash: string } | null) {
    this.writer.knownHead = head;
  }

  static async open(db: SqlClient): Promise<AuditLog> {
    await migrate(db);
    return new AuditLog(db);
  }

  /**
   * A log over a store already migrated by an earlier `open` on the same database: the
   * Workers entry opens one connection per request and migrates once per isolate.
   */
  static attach(db: SqlClient): AuditLog {
    return new AuditLog(db);
  }

  append(event: NewEvent): Promise<StoredEvent> {
    if (this.closed) return Promise.reject(new Error("audit log is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.draining) this.draining = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const stored = await this.exclusive(async () => {
            try {
              const events = batch.map((p) => p.event);
              const known = this.knownHead;
              // From a trusted head, one multi-row INSERT is atomic on its own: no BEGIN/COMMIT
              // round trips, which cost PGlite more than the insert itself for a small batch.
              const rows = known
                ? await this.insertBatch(this.db, events, known, (sql) => this.db.exec(sql))
                : await this.db.transaction((tx) => this.insertBatch(tx, events, null));
              const last = rows.at(-1);
              if (last && this.db.dialect === "pglite") this.knownHead = { seq: last.seq, hash: last.hash };
              return rows;
            } catch (err) {
              this.knownHead = null;
              throw err;
            }
          });
          batch.forEach((p, i) => p.resolve(stored[i]!));
        } catch (err) {
          batch.forEach((p) => p.reject(err));
        }
      }
    } finally {
      this.draining = null;
    }
  }

  /**
   * Runs `fn` in one transaction holding the chain lock, with `append` adding events to
   * the chain inside that same transaction: a purge and the event recording it commit
   * together or not at all. Do not call `this.append` from `fn` (it would wait on itself).
   */
  async transact<T>(fn: (tx: SqlExecutor, append: (events: NewEvent[]) => Promise<StoredEvent[]>) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("audit log is closed");
    return this.exclusive(async () => {
      // Whatever `fn` appends or rolls back, the next group commit reads the head again.
      this.knownHead = null;
      try {
        return await this.db.transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock($1)", [CHAIN_LOCK]);
          return fn(tx, (events) => this.insertBatch(tx, events, null));
        });
      } finally {
        this.knownHead = null;
      }
    });
  }

  /** Runs the client's write transactions one after another, so `knownHead` is never stale. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writer.writes.then(fn, fn);
    this.writer.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Extends the chain from `known` (trusted, see `knownHead`) or from the head read under the
   * chain lock. With `inline`, the INSERT goes as one literal statement instead of a
   * parameterised one (cheaper on PGlite; see `sqlLiteral`).
   */
  private async insertBatch(
    tx: SqlExecutor,
    events: NewEvent[],
    known: { seq: number; hash: string } | null,
    inline?: (sql: string) => Promise<void>,
  ): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    let seq: number;
    let prev: string;
    if (known) {
      ({ seq, hash: prev } = known);
    } else {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [CHAIN_LOCK]);
      const head = await tx.query<{ seq: string; hash: string }>("SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1");
      seq = head.rows[0] ? Number(head.rows[0].seq) : 0;
      prev = head.rows[0]?.hash ?? GENESIS_HASH;
    }
    const rows: StoredEvent[] = events.map((e) => {
      seq += 1;
      const header = canonicalJson({ ...e.header, type: e.type, eventId: e.eventId, createdAt: e.createdAt, seq,
        conversationId: e.conversationId ?? null, turnId: e.turnId ?? null, lang: e.lang ?? null, answerKind: e.answerKind ?? null });
      const body = e.body === null ? null : canonicalJson(e.body);
      const bodyHash = body === null ? GENESIS_HASH : sha256Hex(body);
      const hash = rowHash(prev, header, bodyHash);
      const row: StoredEvent = { seq, eventId: e.eventId, type: e.type, createdAt: e.createdAt, conversationId: e.conversationId ?? null,
        turnId: e.turnId ?? null, lang: e.lang ?? null, answerKind: e.answerKind ?? null, header, body, bodyHash, prevHash: prev, hash };
      prev = hash;
      return row;
    });
    const insert = "INSERT INTO audit_events (seq, event_id, type, created_at, conversation_id, turn_id, lang, answer_kind, header, body, body_hash, prev_hash, hash) VALUES ";
    const columns = (r: StoredEvent) => [r.seq, r.eventId, r.type, r.createdAt, r.conversationId, r.turnId, r.lang, r.answerKind, r.header, r.body, r.bodyHash, r.prevHash, r.hash];
    if (inline) {
      await inline(insert + rows.map((r) => `(${columns(r).map(sqlLiteral).join(",")})`).join(","));
      return rows;
    }
    const cols = 13;
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(...columns(r));
      return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(",")})`;
    });
    await tx.query(insert + tuples.join(","), values);
    return rows;
  }

  /**
   * Records a public signing key and announces it on the chain (a `key` event) before
   * any answer it signs can be logged, so verification trusts the keys the chain itself
   * vouches for. Idempotent, and safe when several processes start at once.
   */
  async registerKey(kid: string, jwk: unknown, now: Date = new Date()): Promise<void> {
    await this.transact(async (tx, append) => {
      await tx.query("INSERT INTO signing_keys (kid, jwk) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING", [kid, canonicalJson(jwk)]);
      const r = await tx.query<{ announced: string | null }>("SELECT announced_seq::text AS announced FROM signing_keys WHERE kid = $1 FOR UPDATE", [kid]);
      if (r.rows[0]?.announced) return;
      const [event] = await append([{ type: "key", eventId: `key-${kid}`, createdAt: now.toISOString(), header: { kid, jwk }, body: null }]);
      await tx.query("UPDATE signing_keys SET announced_seq = $1 WHERE kid = $2", [event!.seq, kid]);
    });
  }

  /** The last row of the chain: seq 0 and the genesis hash when it is empty. */
  async head(db: SqlExecutor = this.db): Promise<{ seq: number; hash: string }> {
    const r = await db.query<{ seq: string; hash: string }>("SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1");
    return r.rows[0] ? { seq: Number(r.rows[0].seq), hash: r.rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async keys(): Promise<{ kid: string; jwk: string }[]> {
    return (await this.db.query<{ kid: string; jwk: string }>("SELECT kid, jwk FROM signing_keys ORDER BY first_seen, kid")).rows;
  }

  /** The conversation's earlier (already redacted) questions, oldest first. */
  async recentQuestions(conversationId: string, limit: number): Promise<string[]> {
    const r = await this.db.query<{ body: string | null }>(
      "SELECT body FROM audit_events WHERE conversation_id = $1 AND type = 'turn' ORDER BY seq DESC LIMIT $2",
      [conversationId, limit],
    );
    return r.rows
      .map((row) => (row.body ? questionOf(row.body) : null))
      .filter((q): q is string => q !== null)
      .reverse();
  }

  async count(): Promise<number> {
    const r = await this.db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events");
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Rows in chain order, in pages, for verification and export. */
  rows(fromSeq = 1, pageSize = 1000): AsyncGenerator<StoredEvent> {
    return storedRows(this.db, { fromSeq, pageSize });
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once every append queued so far is committed. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Waits for queued appends, then closes the database. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
    await this.db.close();
  }
}

export const EVENT_COLUMNS =
  "seq::text AS seq, event_id, type, created_at, conversation_id, turn_id, lang, answer_kind, header, body, body_hash, prev_hash, hash";

/** Rows of any executor (a transaction too) in chain order, page by page, up to `toSeq`. */
export async function* storedRows(db: SqlExecutor, opts: { fromSeq?: number; toSeq?: number; pageSize?: number } = {}): AsyncGenerator<StoredEvent> {
  const pageSize = opts.pageSize ?? 1000;
  const last = opts.toSeq ?? Number.MAX_SAFE_INTEGER;
  let next = opts.fromSeq ?? 1;
  for (;;) {
    const r = await db.query<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS} FROM audit_events WHERE audit_events.seq >= $1 AND audit_events.seq <= $2 ORDER BY audit_events.seq LIMIT $3`,
      [next, last, pageSize],
    );
    for (const row of r.rows) yield toStored(row);
    if (r.rows.length < pageSize) return;
    next = Number(r.rows[r.rows.length - 1]!.seq) + 1;
  }
}

function questionOf(body: string): string | null {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed === "object" && parsed !== null && "question" in parsed && typeof parsed.question === "string") return parsed.question;
  return null;
}

export function toStored(row: Record<string, unknown>): StoredEvent {
  const str = (k: string) => (row[k] === null || row[k] === undefined ? null : String(row[k]));
  const created = row.created_at;
  return {
    seq: Number(row.seq),
    eventId: String(row.event_id),
    type: EventTypeSchema.parse(row.type),
    createdAt: created instanceof Date ? created.toISOString() : String(created),
    conversationId: str("conversation_id"),
    turnId: str("turn_id"),
    lang: str("lang"),
    answerKind: str("answer_kind"),
    header: String(row.header),
    body: str("body"),
    bodyHash: String(row.body_hash),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}
