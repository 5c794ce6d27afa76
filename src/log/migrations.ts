import type { SqlClient } from "../adapters/sql.js";

/**
 * Schema migrations, in order, for PGlite and Postgres alike. Never edit a shipped
 * migration: add a new one.
 */
/** A migration is one SQL text split on ";" or, when it holds function bodies, a list of statements. */
export const MIGRATIONS: { id: number; name: string; sql: string | string[] }[] = [
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
  {
    id: 2,
    name: "checkpoints, auditor tokens and sessions, key announcements, append-only guard",
    sql: [
      "ALTER TABLE signing_keys ADD COLUMN announced_seq BIGINT",
      "CREATE INDEX audit_events_type_idx ON audit_events (type, seq)",
      `CREATE TABLE audit_checkpoints (
  id BIGSERIAL PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  key_id TEXT NOT NULL,
  checkpoint TEXT NOT NULL
)`,
      "CREATE INDEX audit_checkpoints_seq_idx ON audit_checkpoints (seq)",
      `CREATE TABLE audit_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('auditor', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
)`,
      `CREATE TABLE audit_sessions (
  id_hash TEXT PRIMARY KEY,
  token_id TEXT NOT NULL REFERENCES audit_tokens (id),
  csrf TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL
)`,
      // The application may only ever insert rows and blank a body (retention, erasure).
      // This guards against bugs and careless hands, not against the database owner: the
      // hash chain and the signed checkpoints are what detect a deliberate edit.
      `CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.body IS NULL
     AND (NEW.seq, NEW.event_id, NEW.type, NEW.created_at, NEW.conversation_id, NEW.turn_id, NEW.lang, NEW.answer_kind, NEW.header, NEW.body_hash, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.seq, OLD.event_id, OLD.type, OLD.created_at, OLD.conversation_id, OLD.turn_id, OLD.lang, OLD.answer_kind, OLD.header, OLD.body_hash, OLD.prev_hash, OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused (only a body may be purged)', TG_OP;
END
$$`,
      "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
      "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
    ],
  },
];

export async function migrate(db: SqlClient): Promise<void> {
  await db.transaction(async (tx) => {
    // Two processes starting together would race on CREATE TABLE IF NOT EXISTS.
    await tx.query("SELECT pg_advisory_xact_lock(724201)");
    await tx.query("CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  });
  for (const m of MIGRATIONS) {
    await db.transaction(async (tx) => {
      // Serialise concurrent starters (several processes on one server).
      await tx.query("SELECT pg_advisory_xact_lock(724201)");
      const done = await tx.query<{ id: number }>("SELECT id FROM schema_migrations WHERE id = $1", [m.id]);
      if (done.rows.length > 0) return;
      const statements = Array.isArray(m.sql) ? m.sql : m.sql.split(";").map((s) => s.trim()).filter(Boolean);
      for (const stmt of statements) await tx.query(stmt);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [m.id, m.name]);
    });
  }
}
