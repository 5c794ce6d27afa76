import { randomBytes } from "node:crypto";
import type { SqlExecutor } from "../adapters/sql.js";
import { RoleSchema, type Principal } from "./principal.js";
import { hashToken } from "./tokens.js";

/**
 * Browser sessions for the auditor UI. The cookie carries a random session id; the table
 * keeps its SHA-256 (a leaked table grants no session), the token it was opened with (a
 * revoked token ends its sessions) and a per-session CSRF token for every form.
 */
export interface Session {
  principal: Principal;
  csrf: string;
}

export async function openSession(db: SqlExecutor, principal: Principal, minutes: number, now: Date): Promise<{ id: string; csrf: string; expiresAt: Date }> {
  const id = randomBytes(32).toString("base64url");
  const csrf = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db.query("DELETE FROM audit_sessions WHERE expires_at < $1", [now.toISOString()]);
  await db.query("INSERT INTO audit_sessions (id_hash, token_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)", [
    hashToken(id), principal.tokenId, csrf, now.toISOString(), expiresAt.toISOString(),
  ]);
  return { id, csrf, expiresAt };
}

export async function readSession(db: SqlExecutor, id: string, now: Date): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const r = await db.query<{ token_id: string; name: string; role: string; csrf: string }>(
    `SELECT s.token_id, t.name, t.role, s.csrf FROM audit_sessions s JOIN audit_tokens t ON t.id = s.token_id
     WHERE s.id_hash = $1 AND s.expires_at > $2 AND t.revoked_at IS NULL`,
    [hashToken(id), now.toISOString()],
  );
  const s = r.rows[0];
  return s ? { principal: { tokenId: s.token_id, name: s.name, role: RoleSchema.parse(s.role) }, csrf: s.csrf } : null;
}

export async function closeSession(db: SqlExecutor, id: string): Promise<void> {
  await db.query("DELETE FROM audit_sessions WHERE id_hash = $1", [hashToken(id)]);
}
