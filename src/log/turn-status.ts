import type { AuditLog } from "./audit-log.js";

/** What the public may know about a turn: whether it still stands. No text, no reason. */
export type PublicTurnStatus = "published" | "withdrawn" | "unknown";

/**
 * The publication status of several turns in one query, by the rule `readTurn` applies: a
 * turn is withdrawn once any takedown event names it, unknown if the log has no such turn.
 */
export async function turnStatuses(log: AuditLog, ids: readonly string[]): Promise<Map<string, PublicTurnStatus>> {
  const out = new Map<string, PublicTurnStatus>(ids.map((id) => [id, "unknown"]));
  if (ids.length === 0) return out;
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(",");
  const r = await log.db.query<{ turn_id: string; type: string }>(
    `SELECT DISTINCT turn_id, type FROM audit_events WHERE turn_id IN (${placeholders}) AND type IN ('turn', 'takedown')`,
    [...ids],
  );
  const turns = new Set(r.rows.filter((row) => row.type === "turn").map((row) => row.turn_id));
  const takedowns = new Set(r.rows.filter((row) => row.type === "takedown").map((row) => row.turn_id));
  for (const id of turns) out.set(id, takedowns.has(id) ? "withdrawn" : "published");
  return out;
}
