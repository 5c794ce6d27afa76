import type { SqlClient } from "../adapters/sql.js";

/**
 * Schema migrations, in order, for PGlite and Postgres alike. Never edit a shipped
 * migration: add a new one.
 */
export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "audit events hash chain",
    sql: `
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  conversation_id TEXT,
  turn_id TEXT,
  lang TEXT,
  answer_kind TEXT,
  header TEXT NOT NULL,
  body TEXT,
  body_hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_created_idx ON audit_events (created_at);
CREATE INDEX audit_events_conversation_idx ON audit_events (conversation_id, seq);
CREATE INDEX audit_events_turn_idx ON audit_events (turn_id);
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  jwk TEXT NOT NULL,
  first_seen TIMESTAMPTZ NOT NULL DEFAULT now()
);`,
  },
];

export async function migrate(db: SqlClient): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  for (const m of MIGRATIONS) {
    await db.transaction(async (tx) => {
      // Serialise concurrent starters (several processes on one server).
      await tx.query("SELECT pg_advisory_xact_lock(724201)");
      const done = await tx.query<{ id: number }>("SELECT id FROM schema_migrations WHERE id = $1", [m.id]);
      if (done.rows.length > 0) return;
      for (const stmt of m.sql.split(";").map((s) => s.trim()).filter(Boolean)) await tx.query(stmt);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [m.id, m.name]);
    });
  }
}
