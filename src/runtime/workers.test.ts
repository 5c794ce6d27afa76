import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passagesOf, startFakeOpenAI, type FakeOpenAI } from "../../tests/support/fake-openai.js";
import { privateDatabase } from "../../tests/support/private-db.js";
import { freePort } from "../../tests/support/wrangler.js";
import { openPostgres } from "../adapters/postgres.js";
import type { SqlClient } from "../adapters/sql.js";
import { HashingEmbeddings } from "../ingest/embed.js";
import { exportPortableIndex } from "../ingest/export-index.js";
import { AuditLog } from "../log/audit-log.js";
import { readTurn } from "../log/read-turn.js";
import { generatePrivateJwk } from "../seal/sign.js";
import { workerHandler, type WorkerArtifact, type WorkerEnv } from "./workers.js";

/**
 * The Workers entry's own behaviour, run in Node (its code is plain fetch/Web Crypto/pg):
 * what it does when misconfigured or when the store is down, and that a voter leaving an
 * SSE stream early does not cost the audit row. tests/worker.test.ts runs it in workerd.
 */
const FIXTURE_CORPUS = path.resolve(import.meta.dirname, "../../tests/fixtures/corpus");

class Ctx {
  readonly waits: Promise<unknown>[] = [];
  waitUntil(p: Promise<unknown>) {
    this.waits.push(p);
  }
  async settle() {
    await Promise.all(this.waits);
  }
}

let artifact: WorkerArtifact;
let key: string;

beforeAll(async () => {
  const built = await exportPortableIndex({ corpusDir: FIXTURE_CORPUS, embeddings: new HashingEmbeddings(), embedderId: HashingEmbeddings.id });
  const v = built.vectors;
  artifact = { manifest: JSON.parse(JSON.stringify(built.manifest)), vectors: v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer };
  key = JSON.stringify(await generatePrivateJwk());
});

const chat = (message: string, accept = "application/json") =>
  new Request("http://worker.test/api/chat", { method: "POST", headers: { accept }, body: JSON.stringify({ message }) });

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

describe("the Workers entry, misconfigured or without its store", () => {
  it("answers 503 unavailable, without details, when the signing key or the Hyperdrive binding is missing", async () => {
    const ctx = new Ctx();
    const noKey = await workerHandler(artifact).fetch(chat("Où voter?"), { HYPERDRIVE: { connectionString: "postgres://u:p@127.0.0.1:1/x" } }, ctx);
    expect(await errorOf(noKey)).toEqual({ status: 503, code: "unavailable", message: "The service is not configured correctly; the operator has been told." });
    const noBinding = await workerHandler(artifact).fetch(chat("Où voter?"), { SIGNING_KEY_JWK: key }, ctx);
    expect((await errorOf(noBinding)).status).toBe(503);
  });

  it("fails to start on a broken artifact, rather than serve without an index", () => {
    const vectors = artifact.vectors.slice(0);
    new Uint8Array(vectors)[7]! ^= 1;
    expect(() => workerHandler({ manifest: artifact.manifest, vectors })).toThrow(/sha256 differs/);
  });

  it("refuses an artifact whose vectors come from another embedder than the configured one", async () => {
    const env: WorkerEnv = { HYPERDRIVE: { connectionString: "postgres://u:p@127.0.0.1:1/x" }, SIGNING_KEY_JWK: key, EMBEDDINGS: "openai", EMBEDDINGS_BASE_URL: "http://127.0.0.1:1/v1" };
    expect((await errorOf(await workerHandler(artifact).fetch(chat("Où voter?"), env, new Ctx()))).code).toBe("unavailable");
  });

  it("gives no answer while the audit log is unreachable (a turn is logged before it is sent)", async () => {
    const port = await freePort();
    const env: WorkerEnv = { HYPERDRIVE: { connectionString: `postgres://u:p@127.0.0.1:${port}/x` }, SIGNING_KEY_JWK: key };
    const ctx = new Ctx();
    const res = await workerHandler(artifact).fetch(chat("Quelles pièces d'identité dois-je présenter pour voter?"), env, ctx);
    expect(await errorOf(res)).toEqual({ status: 503, code: "unavailable", message: "The audit log is unreachable, so no answer can be given. Please try again shortly." });
    await ctx.settle();
  });
});

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] Workers entry against Postgres (SSE abort keeps the audit row): set DATABASE_URL to run it");

describe.skipIf(!DATABASE_URL)("the Workers entry against Postgres", () => {
  let url: string;
  let dbName: string;
  let dropDb: (() => Promise<void>) | undefined;
  let llm: FakeOpenAI;
  let db: SqlClient;

  beforeAll(async () => {
    const own = await privateDatabase(DATABASE_URL!, "scrutin_workers_rt");
    url = own.url;
    dbName = own.name;
    dropDb = own.drop;
    llm = await startFakeOpenAI((b) => ({ text: `Voici la réponse, lentement, mot par mot, tirée du passage cité [${passagesOf(b)[0]?.n ?? 1}].`, chunkSize: 3, delayMs: 40 }));
    db = await openPostgres(url, 2);
  });
  afterAll(async () => {
    await db?.close();
    await llm?.close();
    await dropDb?.();
  });

  it("has each new isolate announce its own key before its first answer, on a store already migrated", async () => {
    const env = (k: string): WorkerEnv => ({ HYPERDRIVE: { connectionString: url }, SIGNING_KEY_JWK: k });
    const ask = async (k: string) => {
      const ctx = new Ctx();
      const res = await workerHandler(artifact).fetch(chat("Où voter par anticipation?"), env(k), ctx);
      expect(res.status).toBe(200);
      await res.text();
      await ctx.settle();
    };
    const other = JSON.stringify(await generatePrivateJwk());
    await ask(key);
    await ask(key);
    await ask(other);
    const events = await db.query<{ type: string }>("SELECT type FROM audit_events WHERE type IN ('key', 'turn') ORDER BY seq");
    // The first isolate migrates and announces; the second (same key) finds both done; the third announces its new key.
    expect(events.rows.map((r) => r.type)).toEqual(["key", "turn", "turn", "key", "turn"]);
  });

  it("logs the turn of a voter who closed the SSE stream before the answer ended, then closes the connection", async () => {
    const env: WorkerEnv = { HYPERDRIVE: { connectionString: url }, SIGNING_KEY_JWK: key, COMPOSER: "llm", LLM_BASE_URL: llm.url, LLM_API_KEY: "sk-test", LLM_TIMEOUT_MS: "5000" };
    const handler = workerHandler(artifact);
    const ctx = new Ctx();
    const res = await handler.fetch(chat("Quelles pièces d'identité dois-je présenter pour voter?", "text/event-stream"), env, ctx);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^event: (delta|reset)/);
    await reader.cancel();
    const turnsNow = async () => (await db.query<{ turn_id: string }>("SELECT turn_id FROM audit_events WHERE type = 'turn' ORDER BY seq")).rows;
    const before = await turnsNow();
    await ctx.settle();
    const turns = await turnsNow();
    expect(turns).toHaveLength(before.length + 1);
    const turn = await readTurn(AuditLog.attach(db), turns.at(-1)!.turn_id);
    expect(turn?.envelope).not.toBeNull();
    // Every connection the entry opened was closed once its work ended.
    const open = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
    expect(Number(open.rows[0]!.n)).toBeLessThanOrEqual(1);
  });
});
