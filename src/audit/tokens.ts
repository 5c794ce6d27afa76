import { createHash, randomBytes } from "node:crypto";
import type { SqlExecutor } from "../adapters/sql.js";
import { RoleSchema, type Principal, type Role } from "./principal.js";

/**
 * Auditor tokens. A token is 32 random bytes (256 bits); only its SHA-256 is stored.
 * A slow password hash (argon2, bcrypt) protects guessable passwords against offline
 * guessing; a 256-bit random token cannot be guessed, so one SHA-256 is as strong and
 * lets a request be authenticated with one indexed lookup.
 */
const PREFIX = "scrutin_audit_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** Creates a token; the secret is returned once and never stored. */
export async function createToken(db: SqlExecutor, opts: { name: string; role: Role }): Promise<{ info: TokenInfo; token: string }> {
  const name = opts.name.trim();
  if (name.length < 1 || name.length > 100) throw new Error("token name must be 1–100 characters");
  const role = RoleSchema.parse(opts.role);
  const id = randomBytes(6).toString("hex");
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const r = await db.query<{ created_at: unknown }>("INSERT INTO audit_tokens (id, name, role, token_hash) VALUES ($1, $2, $3, $4) RETURNING created_at", [
    id, name, role, hashToken(token),
  ]);
  return { info: { id, name, role, createdAt: iso(r.rows[0]?.created_at), revokedAt: null }, token };
}

export async function listTokens(db: SqlExecutor): Promise<TokenInfo[]> {
  const r = await db.query<{ id: string; name: string; role: string; created_at: unknown; revoked_at: unknown }>(
    "SELECT id, name, role, created_at, revoked_at FROM audit_tokens ORDER BY created_at, id",
  );
  return r.rows.map((t) => ({ id: t.id, name: t.name, role: RoleSchema.parse(t.role), createdAt: iso(t.created_at), revokedAt: t.revoked_at ? iso(t.revoked_at) : null }));
}

/** Revokes a token (its sessions end with it); false if no such active token. */
export async function revokeToken(db: SqlExecutor, id: string): Promise<TokenInfo | null> {
  const r = await db.query<{ id: string; name: string; role: string; created_at: unknown; revoked_at: unknown }>(
    "UPDATE audit_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, name, role, created_at, revoked_at",
    [id],
  );
  const t = r.rows[0];
  if (!t) return null;
  await db.query("DELETE FROM audit_sessions WHERE token_id = $1", [id]);
  return { id: t.id, name: t.name, role: RoleSchema.parse(t.role), createdAt: iso(t.created_at), revokedAt: iso(t.revoked_at) };
}

/** The principal of an active token, or null. */
export async function authenticateToken(db: SqlExecutor, token: string): Promise<Principal | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const r = await db.query<{ id: string; name: string; role: string }>("SELECT id, name, role FROM audit_tokens WHERE token_hash = $1 AND revoked_at IS NULL", [
    hashToken(token),
  ]);
  const t = r.rows[0];
  return t ? { tokenId: t.id, name: t.name, role: RoleSchema.parse(t.role) } : null;
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}
