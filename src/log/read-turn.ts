import type { AuditLog } from "./audit-log.js";
import { EVENT_COLUMNS, toStored } from "./audit-log.js";
import { GENESIS_HASH } from "./chain.js";
import type { StoredEvent } from "./event.js";

/** A later event about a turn (flag, takedown, purge, erasure…), as auditors see it. */
export interface TurnEvent {
  seq: number;
  type: StoredEvent["type"];
  createdAt: string;
  header: Record<string, unknown>;
}

/**
 * One logged turn read back from the audit log: what the voter was told (the signed
 * envelope), what was retrieved and decided (the header), and what happened to it since.
 * This is the shape the eval suite scores and the auditor API returns.
 */
export interface TurnRecord {
  seq: number;
  turnId: string;
  conversationId: string | null;
  createdAt: string;
  lang: string | null;
  kind: string | null;
  /** Non-personal facts: corpus version, generator, model, guard verdicts, retrieval, citations, latency. */
  header: Record<string, unknown>;
  /** The redacted question; null once purged or erased. */
  question: string | null;
  /** The signed envelope exactly as sent; null once purged or erased. */
  envelope: Record<string, unknown> | null;
  /** Guard verdict details and the composition trail with its details (may quote text); null once purged. */
  diagnostics: Record<string, unknown> | null;
  hash: string;
  prevHash: string;
  events: TurnEvent[];
  /** "withdrawn" once a takedown event names this turn. */
  status: "published" | "withdrawn";
  /** True once retention or an erasure removed the texts; the row's hashes remain. */
  purged: boolean;
}

/** Reads a turn and the events that name it (same turn_id, later seq), or null if unknown. */
export async function readTurn(log: AuditLog, turnId: string): Promise<TurnRecord | null> {
  const r = await log.db.query<Record<string, unknown>>(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE turn_id = $1 ORDER BY audit_events.seq`, [turnId]);
  const rows = r.rows.map(toStored);
  const turn = rows.find((row) => row.type === "turn");
  if (!turn) return null;
  return toTurnRecord(turn, rows.filter((row) => row !== turn));
}

export function toTurnRecord(turn: StoredEvent, later: readonly StoredEvent[]): TurnRecord {
  const body = turn.body === null ? null : (JSON.parse(turn.body) as { question?: unknown; envelope?: unknown; diagnostics?: unknown });
  const events = later.map((e) => ({ seq: e.seq, type: e.type, createdAt: e.createdAt, header: JSON.parse(e.header) as Record<string, unknown> }));
  return {
    seq: turn.seq,
    turnId: turn.turnId ?? turn.eventId,
    conversationId: turn.conversationId,
    createdAt: turn.createdAt,
    lang: turn.lang,
    kind: turn.answerKind,
    header: JSON.parse(turn.header) as Record<string, unknown>,
    question: typeof body?.question === "string" ? body.question : null,
    envelope: body && typeof body.envelope === "object" && body.envelope !== null ? (body.envelope as Record<string, unknown>) : null,
    diagnostics: body && typeof body.diagnostics === "object" && body.diagnostics !== null ? (body.diagnostics as Record<string, unknown>) : null,
    hash: turn.hash,
    prevHash: turn.prevHash,
    events,
    status: events.some((e) => e.type === "takedown") ? "withdrawn" : "published",
    purged: turn.body === null && turn.bodyHash !== GENESIS_HASH,
  };
}
