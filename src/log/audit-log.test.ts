import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../adapters/pglite.js";
import { openPostgres } from "../adapters/postgres.js";
import type { SqlClient } from "../adapters/sql.js";
import { AuditLog } from "./audit-log.js";
import { GENESIS_HASH, rowHash, sha256Hex } from "./chain.js";
import type { NewEvent } from "./event.js";
import { readTurn } from "./read-turn.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] audit log on a Postgres server: set DATABASE_URL to run these tests against a real server");

const event = (i: number, conversationId = "conv-aaaaaaaa"): NewEvent => ({
  type: "turn", eventId: `e-${i}-${Math.random().toString(36).slice(2)}`, createdAt: new Date().toISOString(), conversationId, turnId: `t-${i}`,
  lang: "fr", answerKind: "answer", header: { corpusVersion: "c-1", latencyMs: i }, body: { question: `question ${i}`, envelope: { id: `t-${i}` } },
});

/** Re-derives every hash from the stored header and body: what an auditor would do. */
async function chainIsIntact(log: AuditLog): Promise<boolean> {
  let prev = GENESIS_HASH;
  let seq = 0;
  for await (const r of log.rows()) {
    seq += 1;
    if (r.seq !== seq || r.prevHash !== prev) return false;
    if (r.body !== null && sha256Hex(r.body) !== r.bodyHash) return false;
    if (rowHash(prev, r.header, r.bodyHash) !== r.hash) return false;
    prev = r.hash;
  }
  return true;
}

const backends: [string, () => Promise<SqlClient>][] = [["PGlite", () => openPglite()]];
const schemas: string[] = [];
afterAll(async () => {
  if (!DATABASE_URL || schemas.length === 0) return;
  const admin = await openPostgres(DATABASE_URL);
  for (const s of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin.close();
});
if (DATABASE_URL) {
  backends.push([
    "Postgres",
    async () => {
      const db = await openPostgres(DATABASE_URL);
      // A private schema per run keeps the shared test database clean.
      const schema = `audit_test_${process.pid}_${Date.now()}`;
      await db.exec(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      await db.close();
      const url = new URL(DATABASE_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return openPostgres(url.toString());
    },
  ]);
}

describe.each(backends)("audit log on %s", (_name, open) => {
  const logs: AuditLog[] = [];
  afterAll(async () => {
    for (const l of logs) await l.close();
  });

  it("chains concurrent appends in order, without forks or gaps", async () => {
    const log = await AuditLog.open(await open());
    logs.push(log);
    const stored = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(event(i))));
    expect(new Set(stored.map((s) => s.seq)).size).toBe(200);
    expect(await log.count()).toBe(200);
    expect(await chainIsIntact(log)).toBe(true);
  });

  it("keeps one chain across group commits, appending transactions, a rolled-back one and a failed batch", async () => {
    const log = await AuditLog.open(await open());
    logs.push(log);
    const burst = (from: number) => Array.from({ length: 20 }, (_, i) => log.append(event(from + i)));
    const first = burst(0);
    const committed = log.transact(async (_tx, append) => append([event(100)]));
    const rolledBack = expect(
      log.transact(async (_tx, append) => {
        await append([event(101)]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const second = burst(200);
    await Promise.all([...first, committed, ...second]);
    await rolledBack;
    const dup = event(300);
    await log.append(dup);
    await expect(log.append(dup)).rejects.toThrow();
    await Promise.all(burst(400));
    expect(await log.count()).toBe(20 + 1 + 20 + 1 + 20);
    expect(await chainIsIntact(log)).toBe(true);
  });

  it("stores headers and bodies byte for byte, whatever characters they hold", async () => {
    const log = await AuditLog.open(await open());
    logs.push(log);
    const nasty = ["l'électeur", "back\\slash \\' and \\\\", "'); DROP TABLE audit_events; --", "$$ $tag$ E'x'", "ligne 1\nligne 2\t\r", "émoji 🗳️ ‘’ « »", "\\x00 not a NUL"];
    await log.append(event(499)); // later appends continue from the head this one committed
    const stored = [];
    for (const [i, text] of nasty.entries()) {
      stored.push(await log.append({ ...event(500 + i), header: { note: text, [text]: i }, body: { question: text, envelope: { text } } }));
    }
    const back = new Map<number, { header: string; body: string | null }>();
    for await (const r of log.rows()) back.set(r.seq, r);
    for (const s of stored) {
      expect(back.get(s.seq)?.header).toBe(s.header);
      expect(back.get(s.seq)?.body).toBe(s.body);
    }
    expect(stored.map((s) => JSON.parse(s.body!).question)).toEqual(nasty);
    expect(await chainIsIntact(log)).toBe(true);
  });

  it("keeps the chain when reopened (migrations are idempotent)", async () => {
    const log = logs[0]!;
    const again = await AuditLog.open(log.db);
    await log.append(event(999));
    // Two logs over one client interleave their group commits on one chain.
    await Promise.all([...Array.from({ length: 10 }, (_, i) => log.append(event(1000 + i))), ...Array.from({ length: 10 }, (_, i) => again.append(event(2000 + i)))]);
    expect(await chainIsIntact(log)).toBe(true);
  });

  it("returns a conversation's earlier questions, oldest first", async () => {
    const log = logs[0]!;
    await log.append(event(1, "conv-bbbbbbbb"));
    await log.append(event(2, "conv-bbbbbbbb"));
    expect(await log.recentQuestions("conv-bbbbbbbb", 5)).toEqual(["question 1", "question 2"]);
  });

  it("reads a turn back with its envelope and the later events that name it", async () => {
    const log = logs[0]!;
    const turn = { ...event(7, "conv-cccccccc"), turnId: "t-read-back" };
    await log.append(turn);
    await log.append({ type: "takedown", eventId: `td-${turn.eventId}`, createdAt: new Date().toISOString(), turnId: turn.turnId!, header: { reason: "test" }, body: null });
    const record = await readTurn(log, turn.turnId!);
    expect(record).toMatchObject({ turnId: "t-read-back", conversationId: "conv-cccccccc", question: "question 7", envelope: { id: "t-7" }, status: "withdrawn" });
    expect(record!.events.map((e) => e.type)).toEqual(["takedown"]);
    expect(record!.header).toMatchObject({ corpusVersion: "c-1", type: "turn" });
    expect(await readTurn(log, "no-such-turn")).toBeNull();
  });

  it("refuses edits, deletions and truncation, and lets only a body be blanked", async () => {
    const log = logs[0]!;
    await expect(log.db.query("UPDATE audit_events SET body = replace(body, 'question 5', 'question 6') WHERE turn_id = 't-5'")).rejects.toThrow(/append-only/);
    await expect(log.db.query("UPDATE audit_events SET turn_id = 'x' WHERE turn_id = 't-5'")).rejects.toThrow(/append-only/);
    await expect(log.db.query("DELETE FROM audit_events WHERE turn_id = 't-5'")).rejects.toThrow(/append-only/);
    await expect(log.db.query("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
    await log.db.query("UPDATE audit_events SET body = NULL WHERE turn_id = 't-6'");
    expect(await chainIsIntact(log)).toBe(true);
  });

  it("detects an edited row when hashes are re-derived (by someone who bypassed the guard)", async () => {
    const log = logs[0]!;
    await log.db.transaction(async (tx) => {
      // The database owner can switch triggers off: the hash chain is what catches this.
      await tx.query("SET LOCAL session_replication_role = replica");
      await tx.query("UPDATE audit_events SET body = replace(body, 'question 5', 'question 6') WHERE turn_id = 't-5'");
    });
    expect(await chainIsIntact(log)).toBe(false);
  });
});
