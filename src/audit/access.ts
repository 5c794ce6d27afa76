import type { AuditLog } from "../log/audit-log.js";
import type { Actor } from "../log/purge.js";
import type { Principal } from "./principal.js";

/**
 * Every look at the audit trail is itself on the chain: who (token id, name and role —
 * never a secret), what, through which door, with what outcome. Search parameters go in
 * the purgeable body, since an auditor may type a voter's words into a search.
 */
export type Via = "api" | "ui" | "cli";
export type AccessAction =
  | "list"
  | "search"
  | "view"
  | "flag"
  | "takedown"
  | "erase"
  | "export"
  | "verify"
  | "login"
  | "logout"
  | "authenticate"
  | "token_create"
  | "token_revoke";
export type Outcome = "ok" | "denied" | "not_found" | "unauthenticated";

export interface AccessRecord {
  actor: Actor | null;
  action: AccessAction;
  via: Via;
  outcome: Outcome;
  target?: Record<string, string>;
  params?: Record<string, unknown>;
}

export function actorOf(p: Principal): Actor {
  return { type: "token", tokenId: p.tokenId, name: p.name, role: p.role };
}

export async function recordAccess(log: AuditLog, rec: AccessRecord, now: Date, eventId: string): Promise<void> {
  const params = rec.params && Object.keys(rec.params).length > 0 ? rec.params : null;
  await log.append({
    type: "audit_access",
    eventId,
    createdAt: now.toISOString(),
    header: { action: rec.action, via: rec.via, outcome: rec.outcome, actor: rec.actor, target: rec.target ?? null },
    body: params ? { params } : null,
  });
}
