import { AppError } from "../contract/errors.js";
import type { Chunk } from "../ingest/chunk.js";
import type { AuditLog } from "../log/audit-log.js";
import type { Checkpoint, CheckpointWriter } from "../log/checkpoint.js";
import { exportKeys, writeBundle, type ExportOptions, type ExportSink, type Manifest } from "../log/export.js";
import { KeyRing } from "../log/keyring.js";
import { eraseConversation, purgeBefore, UnknownConversationError, type Actor, type PurgeOutcome } from "../log/purge.js";
import { readTurn } from "../log/read-turn.js";
import { verifyStore, type StoreReport } from "../log/verify-store.js";
import type { Signer } from "../seal/sign.js";
import { actorOf, recordAccess, type AccessAction, type Via } from "./access.js";
import { hasRole, type Principal, type Role } from "./principal.js";
import { searchTurns, type TurnFilter, type TurnPage } from "./search.js";
import { closeSession, openSession, readSession, type Session } from "./sessions.js";
import { authenticateToken } from "./tokens.js";
import { turnDetail, type TurnDetail } from "./turn-detail.js";

export interface AuditServiceDeps {
  log: AuditLog;
  signer: Signer;
  checkpoints: CheckpointWriter;
  chunks: ReadonlyMap<string, Chunk>;
  corpusVersion: string;
  retentionDays: number;
  sessionMinutes: number;
  now: () => Date;
  newId: () => string;
}

const REASON_MAX = 2000;

/**
 * What auditors can do, for the API, the UI and the CLI alike: every call checks the
 * role and puts the access on the chain. Flags, takedowns and erasures are themselves
 * events carrying the actor, so they need no separate access record.
 */
export class AuditService {
  constructor(readonly deps: AuditServiceDeps) {}

  get log(): AuditLog {
    return this.deps.log;
  }

  private access(actor: Actor | null, action: AccessAction, via: Via, outcome: "ok" | "denied" | "not_found" | "unauthenticated", extra: { target?: Record<string, string>; params?: Record<string, unknown> } = {}) {
    return recordAccess(this.deps.log, { actor, action, via, outcome, ...extra }, this.deps.now(), this.deps.newId());
  }

  private async require(p: Principal, role: Role, action: AccessAction, via: Via, target?: Record<string, string>): Promise<void> {
    if (hasRole(p, role)) return;
    await this.access(actorOf(p), action, via, "denied", target ? { target } : {});
    throw new AppError("forbidden", `The ${action} action needs the ${role} role; this token has the ${p.role} role.`);
  }

  /** A bearer token's principal; a presented but invalid token is recorded. */
  async authenticate(token: string, via: Via): Promise<Principal | null> {
    const p = await authenticateToken(this.deps.log.db, token);
    if (!p) await this.access(null, "authenticate", via, "unauthenticated");
    return p;
  }

  async login(token: string): Promise<{ principal: Principal; sessionId: string; expiresAt: Date } | null> {
    const p = await authenticateToken(this.deps.log.db, token);
    if (!p) {
      await this.access(null, "login", "ui", "unauthenticated");
      return null;
    }
    const s = await openSession(this.deps.log.db, p, this.deps.sessionMinutes, this.deps.now());
    await this.access(actorOf(p), "login", "ui", "ok");
    return { principal: p, sessionId: s.id, expiresAt: s.expiresAt };
  }

  session(sessionId: string): Promise<Session | null> {
    return readSession(this.deps.log.db, sessionId, this.deps.now());
  }

  async logout(sessionId: string, p: Principal): Promise<void> {
    await closeSession(this.deps.log.db, sessionId);
    await this.access(actorOf(p), "logout", "ui", "ok");
  }

  async listTurns(p: Principal, f: TurnFilter, via: Via): Promise<TurnPage> {
    const page = await searchTurns(this.deps.log.db, f);
    const params = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
    await this.access(actorOf(p), f.q ? "search" : "list", via, "ok", { params });
    return page;
  }

  async turn(p: Principal, turnId: string, via: Via): Promise<TurnDetail> {
    const record = await readTurn(this.deps.log, turnId);
    await this.access(actorOf(p), "view", via, record ? "ok" : "not_found", { target: { turnId } });
    if (!record) throw new AppError("not_found", `No turn ${turnId} in the audit log.`);
    const raw = await this.deps.log.db.query<{ header: string; body: string | null; body_hash: string; prev_hash: string; hash: string }>(
      "SELECT header, body, body_hash, prev_hash, hash FROM audit_events WHERE seq = $1",
      [record.seq],
    );
    const row = raw.rows[0]!;
    return turnDetail(record, { header: row.header, body: row.body, bodyHash: row.body_hash, prevHash: row.prev_hash, hash: row.hash }, {
      chunks: this.deps.chunks,
      corpusVersion: this.deps.corpusVersion,
      ring: await this.keyRing(),
    });
  }

  async flag(p: Principal, turnId: string, reason: string, via: Via) {
    return this.turnEvent(p, turnId, reason, via, "flag");
  }

  async takedown(p: Principal, turnId: string, reason: string, via: Via) {
    await this.require(p, "admin", "takedown", via, { turnId });
    return this.turnEvent(p, turnId, reason, via, "takedown");
  }

  private async turnEvent(p: Principal, turnId: string, reason: string, via: Via, type: "flag" | "takedown") {
    const why = checkReason(reason);
    const record = await readTurn(this.deps.log, turnId);
    if (!record) {
      await this.access(actorOf(p), type, via, "not_found", { target: { turnId } });
      throw new AppError("not_found", `No turn ${turnId} in the audit log.`);
    }
    if (type === "takedown" && record.status === "withdrawn") throw new AppError("conflict", `Turn ${turnId} is already withdrawn.`);
    const event = await this.deps.log.append({
      type,
      eventId: this.deps.newId(),
      createdAt: this.deps.now().toISOString(),
      turnId,
      ...(record.conversationId ? { conversationId: record.conversationId } : {}),
      header: { reason: why, actor: actorOf(p), via, turnSeq: record.seq },
      body: null,
    });
    return { seq: event.seq, eventId: event.eventId, type, turnId, createdAt: event.createdAt, reason: why };
  }

  async erase(p: Principal, conversationId: string, reason: string, via: Via): Promise<PurgeOutcome> {
    await this.require(p, "admin", "erase", via, { conversationId });
    return this.eraseAs(actorOf(p), conversationId, reason);
  }

  /** Erasure by an operator (CLI) or an admin: one erasure event, then a checkpoint. */
  async eraseAs(actor: Actor, conversationId: string, reason: string): Promise<PurgeOutcome> {
    const why = checkReason(reason);
    try {
      const out = await eraseConversation(this.deps.log, { conversationId, reason: why, actor, now: this.deps.now(), eventId: this.deps.newId() });
      await this.deps.checkpoints.write();
      return out;
    } catch (err) {
      if (err instanceof UnknownConversationError) throw new AppError("not_found", err.message);
      throw err;
    }
  }

  /** Removes the texts older than the retention period (or `before`); records one purge event if anything was removed. */
  async purgeExpired(actor: Actor, before?: Date, reason = "retention"): Promise<PurgeOutcome & { cutoff: Date }> {
    const now = this.deps.now();
    const cutoff = before ?? new Date(now.getTime() - this.deps.retentionDays * 86_400_000);
    const out = await purgeBefore(this.deps.log, {
      cutoff, reason, actor, now, eventId: this.deps.newId(), ...(before ? {} : { retentionDays: this.deps.retentionDays }),
    });
    if (out.event) await this.deps.checkpoints.write();
    return { ...out, cutoff };
  }

  /**
   * Streams a bundle after recording the export and signing a fresh head checkpoint
   * (so the bundle's manifest carries the chain head it was cut from).
   */
  async exportBundle(actor: Actor, opts: ExportOptions, via: Via, sink: ExportSink): Promise<Manifest> {
    const params = { from: opts.from?.toISOString() ?? null, to: opts.to?.toISOString() ?? null, withholdWithdrawn: opts.withholdWithdrawn ?? false };
    await this.access(actor, "export", via, "ok", { params });
    const head = await this.deps.checkpoints.write({ force: true });
    const db = this.deps.log.db;
    return writeBundle(db, { ...opts, signer: this.deps.signer, head: head!, keys: await exportKeys(db), now: this.deps.now() }, sink);
  }

  async verify(actor: Actor, via: Via): Promise<StoreReport> {
    await this.access(actor, "verify", via, "ok");
    return verifyStore(this.deps.log.db, { checkpointFile: this.deps.checkpoints.file });
  }

  head(): Promise<Checkpoint | null> {
    return this.deps.checkpoints.latest();
  }

  checkpoint(): Promise<Checkpoint | null> {
    return this.deps.checkpoints.write();
  }

  /** Registered keys, read each time: another process may have registered a new one. */
  private async keyRing(): Promise<KeyRing> {
    return KeyRing.from((await this.deps.log.keys()).map((k) => JSON.parse(k.jwk) as unknown));
  }
}

function checkReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 3) throw new AppError("invalid_request", "A reason of at least 3 characters is required.");
  if (r.length > REASON_MAX) throw new AppError("invalid_request", `The reason must be at most ${REASON_MAX} characters.`);
  return r;
}
