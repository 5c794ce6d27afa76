import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { openPostgres } from "../src/adapters/postgres.js";
import { verifyEnvelope } from "../src/seal/sign.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] API in Postgres server mode: set DATABASE_URL to run it against a real server");

describe.skipIf(!DATABASE_URL)("the service with DATABASE_URL (Postgres server mode)", () => {
  let srv: TestServer;
  let url: string;
  const schema = `api_test_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    // A private schema per run: the same database also serves other test files.
    const admin = await openPostgres(DATABASE_URL!);
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const u = new URL(DATABASE_URL!);
    u.searchParams.set("options", `-c search_path=${schema}`);
    url = u.toString();
    srv = await startTestServer({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await srv?.close();
    const admin = await openPostgres(DATABASE_URL!);
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it("answers, signs, and commits the turn to the server's audit table", async () => {
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message: "Quelles pièces d'identité dois-je présenter pour voter?" }) });
    const env = EnvelopeSchema.parse(await res.json());
    expect(env.kind).toBe("answer");
    const keys = ((await (await fetch(`${srv.url}/api/keys`)).json()) as { keys: { kid: string; x: string }[] }).keys;
    expect(await verifyEnvelope(env, keys)).toBe(true);
    const db = await openPostgres(url);
    const rows = await db.query<{ answer_kind: string; lang: string }>("SELECT answer_kind, lang FROM audit_events WHERE turn_id = $1", [env.id]);
    await db.close();
    expect(rows.rows).toEqual([{ answer_kind: "answer", lang: "fr" }]);
    const health = (await (await fetch(`${srv.url}/api/health`)).json()) as { store: { dialect: string } };
    expect(health.store.dialect).toBe("postgres");
  });

  it("reports turn statuses from the server's table, a takedown making a turn withdrawn", async () => {
    const ask = async (message: string) =>
      EnvelopeSchema.parse(await (await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message }) })).json());
    const [a, b] = [await ask("What ID do I need to vote?"), await ask("Quelles sont les heures d'ouverture des bureaux de vote?")];
    await srv.runtime.deps.log.append({ type: "takedown", eventId: `takedown-${b.id}`, createdAt: new Date().toISOString(), turnId: b.id, header: { reason: "test" }, body: null });
    const res = await fetch(`${srv.url}/api/turns/status?ids=${a.id},${b.id},unknown-turn-0001`);
    expect(await res.json()).toEqual({ turns: [{ id: a.id, status: "published" }, { id: b.id, status: "withdrawn" }, { id: "unknown-turn-0001", status: "unknown" }] });
  });
});
