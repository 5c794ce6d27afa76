import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditService } from "../src/audit/service.js";
import { startAuditTasks } from "../src/audit/tasks.js";
import { checkpointFile } from "../src/config/env.js";
import { readTurn } from "../src/log/read-turn.js";
import { verifyStore } from "../src/log/verify-store.js";
import { bearer, chat, token } from "./support/audit.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

/** Every file under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const bytes = Buffer.from(needle, "utf8");
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    if ((await readFile(file)).includes(bytes)) hits.push(path.relative(dir, file));
  }
  return hits;
}

async function rowsContaining(srv: TestServer, needle: string): Promise<number> {
  const r = await srv.runtime.deps.log.db.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM audit_events WHERE strpos(header, $1) > 0 OR strpos(coalesce(body, ''), $1) > 0",
    [needle],
  );
  return Number(r.rows[0]!.n);
}

describe("data-subject erasure and retention purge (embedded store on disk)", () => {
  let srv: TestServer;
  let admin: string;
  // Short refusals: their rows stay small enough to be stored uncompressed, so a byte
  // search of the data files really can find (and then miss) the text.
  const ERASED = "Saint-Zorglub-des-Grenouilles";
  const KEPT = "Lac-Quintessence-du-Nord";
  let erased: { id: string; conversationId: string };

  beforeAll(async () => {
    srv = await startTestServer({}, { disk: true });
    admin = await token(srv, "admin");
    erased = await chat(srv, `Qui va gagner l'élection à ${ERASED}?`);
    await chat(srv, `Et qui va perdre à ${ERASED}?`, erased.conversationId);
    await chat(srv, `Qui va gagner l'élection à ${KEPT}?`);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("erases one conversation on an admin's request, records it, and leaves no trace of its text in the rows or the data files", async () => {
    const dataDir = srv.runtime.config.DATA_DIR;
    await srv.runtime.deps.log.db.exec("CHECKPOINT");
    expect(await rowsContaining(srv, ERASED)).toBe(2);
    expect(await filesContaining(dataDir, ERASED)).not.toEqual([]); // the control: the search can find it

    const auditor = await token(srv, "auditor");
    const denied = await fetch(`${srv.url}/api/audit/conversations/${erased.conversationId}/erase`, { method: "POST", headers: bearer(auditor), body: JSON.stringify({ reason: "request 2026-17" }) });
    expect(denied.status).toBe(403);

    const res = await fetch(`${srv.url}/api/audit/conversations/${erased.conversationId}/erase`, { method: "POST", headers: bearer(admin), body: JSON.stringify({ reason: "Law 25 request 2026-17" }) });
    expect(res.status).toBe(201);
    const out = (await res.json()) as { erased: number; event: { seq: number }; compaction: { mode: string; notes: string[] } };
    expect(out.erased).toBe(2);
    expect(out.compaction).toEqual({ mode: "full", notes: [] });

    expect(await rowsContaining(srv, ERASED)).toBe(0);
    expect(await filesContaining(dataDir, ERASED)).toEqual([]);
    expect(await rowsContaining(srv, KEPT)).toBe(1);

    const record = await readTurn(srv.runtime.deps.log, erased.id);
    expect(record).toMatchObject({ question: null, envelope: null, purged: true });
    expect(await srv.runtime.deps.log.recentQuestions(erased.conversationId, 5)).toEqual([]);
    const event = await srv.runtime.deps.log.db.query<{ type: string; conversation_id: string; header: string }>("SELECT type, conversation_id, header FROM audit_events WHERE seq = $1", [out.event.seq]);
    expect(event.rows[0]).toMatchObject({ type: "erasure", conversation_id: erased.conversationId });
    expect(JSON.parse(event.rows[0]!.header)).toMatchObject({ reason: "Law 25 request 2026-17", count: 2, actor: { type: "token", role: "admin" } });

    const report = await verifyStore(srv.runtime.deps.log.db, { checkpointFile: checkpointFile(srv.runtime.config) });
    expect(report.firstBad).toBeNull();
    expect(report.counts.purged).toBe(2);

    const detail = (await (await fetch(`${srv.url}/api/audit/turns/${erased.id}`, { headers: bearer(admin) })).json()) as { verification: { signature: string }; purged: boolean };
    expect(detail).toMatchObject({ purged: true, verification: { signature: "purged" } });
    const unknown = await fetch(`${srv.url}/api/audit/conversations/no-such-conversation/erase`, { method: "POST", headers: bearer(admin), body: JSON.stringify({ reason: "request 2026-18" }) });
    expect(unknown.status).toBe(404);
  });

  it("purges every text older than RETENTION_DAYS in one recorded event, and the chain still verifies", async () => {
    const log = srv.runtime.deps.log;
    const days = srv.runtime.config.RETENTION_DAYS;
    const later = new Date(Date.now() + (days + 1) * 86_400_000);
    const future = new AuditService({ ...srv.runtime.audit.deps, now: () => later });
    const textRows = await log.db.query<{ seq: string }>("SELECT seq::text AS seq FROM audit_events WHERE body IS NOT NULL");

    // The server's housekeeping purges at start-up, then signs a checkpoint.
    const reports: string[] = [];
    const headBefore = await future.head();
    const tasks = startAuditTasks(future, { checkpointSeconds: 3600, purgeMinutes: 60, report: (m, err) => reports.push(err ? `${m}: ${String(err)}` : m) });
    await tasks.stop();
    expect(reports).toEqual([expect.stringMatching(new RegExp(`^retention: purged the texts of ${textRows.rows.length} audit row`))]);
    const purges = await log.db.query<{ header: string; seq: string }>("SELECT header, seq::text AS seq FROM audit_events WHERE type = 'purge'");
    expect(purges.rows).toHaveLength(1);
    const header = JSON.parse(purges.rows[0]!.header) as Record<string, unknown>;
    expect(header).toMatchObject({ reason: "retention", retentionDays: days, count: textRows.rows.length, actor: { type: "system", name: "retention" } });
    expect(header.rows).toEqual(expect.arrayContaining([expect.any(Array)]));
    expect((await future.head())!.seq).toBeGreaterThan(headBefore!.seq);
    const cutoff = new Date(String(header.cutoff));

    const again = await future.purgeExpired({ type: "system", name: "retention" });
    expect(again).toMatchObject({ count: 0, event: null });

    expect(await rowsContaining(srv, KEPT)).toBe(0);
    const left = await log.db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE body IS NOT NULL AND created_at < $1", [cutoff.toISOString()]);
    expect(Number(left.rows[0]!.n)).toBe(0);
    const report = await verifyStore(log.db, { checkpointFile: checkpointFile(srv.runtime.config) });
    expect(report.firstBad).toBeNull();
    expect(report.counts.turns).toBe(3);
    expect(report.counts.purged).toBeGreaterThanOrEqual(3);
    expect(report.counts.signaturesValid).toBe(0);
  });
});
