import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../src/adapters/postgres.js";
import type { SqlClient } from "../src/adapters/sql.js";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { AuditLog } from "../src/log/audit-log.js";
import { readTurn } from "../src/log/read-turn.js";
import { verifyStore } from "../src/log/verify-store.js";
import { generatePrivateJwk, jwkThumbprint, verifyEnvelope } from "../src/seal/sign.js";
import { privateDatabase } from "./support/private-db.js";
import { readSse } from "./support/runtime.js";
import { startWranglerDev, type WranglerDev } from "./support/wrangler.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] Cloudflare Worker smoke test (wrangler dev + Hyperdrive): set DATABASE_URL to a Postgres server to run it");

describe.skipIf(!DATABASE_URL)("the Cloudflare Worker under wrangler dev, logging to Postgres through Hyperdrive", () => {
  // A database of its own, so other test files sharing the server do not interfere.
  let workerDbUrl: string;
  let dropDb: (() => Promise<void>) | undefined;
  let tmp: string;
  let dev: WranglerDev;
  let kid: string;
  let db: SqlClient;
  let log: AuditLog;

  beforeAll(async () => {
    const own = await privateDatabase(DATABASE_URL!, "scrutin_workers");
    dropDb = own.drop;
    const u = new URL(own.url);
    // miniflare's Hyperdrive refuses a connection string without a password; trust auth ignores it.
    if (!u.password) u.password = "unused";
    workerDbUrl = u.toString();
    tmp = await mkdtemp(path.join(tmpdir(), "scrutin-worker-"));
    const jwk = await generatePrivateJwk();
    kid = await jwkThumbprint(jwk.x);
    const envFile = path.join(tmp, "worker.env");
    await writeFile(envFile, `SIGNING_KEY_JWK='${JSON.stringify(jwk)}'\n`, { mode: 0o600 });
    dev = await startWranglerDev({
      env: { CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: workerDbUrl },
      args: ["--env-file", envFile, "--persist-to", path.join(tmp, "state"), "--test-scheduled"],
    });
    console.log(`wrangler dev ready in ${dev.readyMs} ms (index artifact build + bundle + workerd start)`);
  });

  afterAll(async () => {
    await log?.close();
    await dev?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
    await dropDb?.();
  });

  const chat = (body: unknown, accept = "application/json") =>
    fetch(`${dev.url}/api/chat`, { method: "POST", headers: { accept, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("answers a French question with a labelled, linked envelope signed by the configured key, and the turn is in Postgres", async () => {
    const t0 = performance.now();
    const res = await chat({ message: "Quelles pièces d'identité dois-je présenter pour voter?" });
    const firstMs = Math.round(performance.now() - t0);
    expect(res.status).toBe(200);
    const env = EnvelopeSchema.parse(await res.json());
    expect(env.kind).toBe("answer");
    expect(env.lang).toBe("fr");
    expect(env.label.text).toMatch(/intelligence artificielle/);
    expect(env.officialLink.url).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\//);
    expect(env.citations.length).toBeGreaterThan(0);
    expect(env.citations[0]!.url).toMatch(/electionsquebec\.qc\.ca/);

    const keys = ((await (await fetch(`${dev.url}/api/keys`)).json()) as { keys: { kid: string; x: string }[] }).keys;
    expect(keys.map((k) => k.kid)).toEqual([kid]);
    expect(env.signature.keyId).toBe(kid);
    expect(await verifyEnvelope(env, keys)).toBe(true);
    expect(await verifyEnvelope({ ...env, text: `${env.text} ` }, keys)).toBe(false);

    db = await openPostgres(workerDbUrl, 2);
    log = AuditLog.attach(db);
    const turn = await readTurn(log, env.id);
    expect(turn).not.toBeNull();
    expect(turn!.kind).toBe("answer");
    expect(turn!.lang).toBe("fr");
    expect(turn!.envelope).toEqual(JSON.parse(JSON.stringify(env)));
    const later = performance.now();
    await chat({ message: "Où voter par anticipation?" });
    console.log(`first /api/chat of the isolate (migrations, key announcement) ${firstMs} ms; a later one ${Math.round(performance.now() - later)} ms`);
  });

  it("streams over SSE, ending with the signed envelope that was logged", async () => {
    const res = await chat({ message: "What ID do I need to vote?" }, "text/event-stream");
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await readSse(res);
    expect(events.filter((e) => e.event === "delta").length).toBeGreaterThan(0);
    const last = events.at(-1)!;
    expect(last.event).toBe("answer");
    const env = EnvelopeSchema.parse(JSON.parse(last.data));
    expect(env.kind).toBe("answer");
    const turn = await readTurn(log, env.id);
    expect(turn?.envelope).toEqual(JSON.parse(last.data));
  });

  it("signs a checkpoint of the chain head from its Cron Trigger, only when the head moved", async () => {
    const trigger = () => fetch(`${dev.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect((await trigger()).status).toBe(200);
    const head = await log.head();
    const rows = await db.query<{ seq: string; key_id: string }>("SELECT seq::text AS seq, key_id FROM audit_checkpoints ORDER BY id");
    expect(rows.rows).toEqual([{ seq: String(head.seq), key_id: kid }]);
    expect((await trigger()).status).toBe(200);
    expect((await db.query("SELECT id FROM audit_checkpoints")).rows).toHaveLength(1);
  });

  it("keeps the audit chain verifiable from Node: the Worker's rows, key announcement, signatures and checkpoint", async () => {
    const report = await verifyStore(db, { checkpointFile: null });
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.counts.turns).toBeGreaterThanOrEqual(3);
    expect(report.counts.signaturesValid).toBe(report.counts.turns);
    expect(report.counts.byType.key).toBe(1);
  });

  it("answers bad input with a 4xx JSON error and reports its health", async () => {
    const bad = await fetch(`${dev.url}/api/chat`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    const health = (await (await fetch(`${dev.url}/api/health`)).json()) as { status: string; runtime: string; store: { dialect: string; reachable: boolean } };
    expect(health).toMatchObject({ status: "ok", runtime: "workers", store: { dialect: "postgres", reachable: true } });
  });
});
