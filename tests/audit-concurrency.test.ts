import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointFile } from "../src/config/env.js";
import { verifyStore } from "../src/log/verify-store.js";
import { MIXED_QUESTIONS, privateSchema, storesUnderTest } from "./support/audit.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] audit concurrency on a Postgres server: set DATABASE_URL to run it against a real server");

const PARALLEL = 300;

const stores = storesUnderTest(DATABASE_URL, "audit_conc");

describe.each(stores)("hundreds of parallel chats (%s)", (_name, start) => {
  let srv: TestServer;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ srv, cleanup } = await start());
  });
  afterAll(async () => {
    await srv?.close();
    await cleanup?.();
  });

  it(`logs ${PARALLEL} concurrent turns as one unbroken chain, one row per turn`, async () => {
    const before = await srv.runtime.deps.log.db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE type = 'turn'");
    expect(Number(before.rows[0]!.n)).toBe(0);
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        fetch(`${srv.url}/api/chat`, {
          method: "POST",
          headers: { accept: i % 3 === 0 ? "text/event-stream" : "application/json" },
          body: JSON.stringify({ message: MIXED_QUESTIONS[i % MIXED_QUESTIONS.length] }),
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const turns = await srv.runtime.deps.log.db.query<{ n: string; ids: string }>("SELECT count(*)::text AS n, count(DISTINCT turn_id)::text AS ids FROM audit_events WHERE type = 'turn'");
    expect(Number(turns.rows[0]!.n)).toBe(PARALLEL);
    expect(Number(turns.rows[0]!.ids)).toBe(PARALLEL);

    await srv.runtime.audit.checkpoint();
    const report = await verifyStore(srv.runtime.deps.log.db, { checkpointFile: checkpointFile(srv.runtime.config) });
    expect(report.firstBad).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.counts.turns).toBe(PARALLEL);
    expect(report.counts.signaturesValid).toBe(PARALLEL);
    const all = await srv.runtime.deps.log.db.query<{ n: string; max: string }>("SELECT count(*)::text AS n, max(seq)::text AS max FROM audit_events");
    expect(report.counts.events).toBe(Number(all.rows[0]!.n));
    expect(report.head.seq).toBe(Number(all.rows[0]!.max));
  });
});

describe.skipIf(!DATABASE_URL)("two services sharing one Postgres server", () => {
  let a: TestServer;
  let b: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const schema = await privateSchema(DATABASE_URL!, "audit_two");
    drop = schema.drop;
    // Two data directories, so two signing keys: both are announced on the one chain.
    [a, b] = await Promise.all([startTestServer({ DATABASE_URL: schema.url }), startTestServer({ DATABASE_URL: schema.url })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it("extend one chain without forking it", async () => {
    const n = 200;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message: MIXED_QUESTIONS[i % MIXED_QUESTIONS.length] }) }).then((r) => r.status),
      ),
    );
    expect(results.every((s) => s === 200)).toBe(true);
    await Promise.all([a.runtime.audit.checkpoint(), b.runtime.audit.checkpoint()]);
    const report = await verifyStore(a.runtime.deps.log.db, { checkpointFile: checkpointFile(a.runtime.config) });
    expect(report.firstBad).toBeNull();
    expect(report.counts.turns).toBe(n);
    expect(report.keys).toHaveLength(2);
    expect(report.keys.every((k) => k.announcedAt !== null && k.turns === n / 2)).toBe(true);
  });
});
