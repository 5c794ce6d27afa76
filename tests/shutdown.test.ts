import { get } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../src/adapters/pglite.js";
import { openPostgres } from "../src/adapters/postgres.js";
import type { SqlClient } from "../src/adapters/sql.js";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { FIXTURE_CORPUS } from "./support/runtime.js";
import { scaleSchema } from "./support/scale-db.js";
import { runAuditCli, spawnServer, type ServerProcess } from "./support/server-process.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] graceful shutdown of a cluster (WORKERS=2 over Postgres): set DATABASE_URL to run it");

interface Mode {
  name: string;
  /** Extra environment, and how to open the store the server wrote to. */
  setup(dataDir: string): Promise<{ env: Record<string, string>; open(): Promise<SqlClient>; drop(): Promise<void> }>;
}

const MODES: Mode[] = [
  {
    name: "one process, embedded PGlite",
    setup: async (dataDir) => ({ env: {}, open: () => openPglite(path.join(dataDir, "audit")), drop: async () => {} }),
  },
  ...(DATABASE_URL
    ? [{
        name: "a cluster of two workers over Postgres",
        setup: async () => {
          const { url, drop } = await scaleSchema(DATABASE_URL, "shutdown");
          return { env: { DATABASE_URL: url, WORKERS: "2", DATABASE_POOL_MAX: "4" }, open: () => openPostgres(url), drop };
        },
      }]
    : []),
];

/** A GET on a fresh TCP connection (no pooled keep-alive socket): its status, or the connection error's code. */
function onNewConnection(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function readStream(res: Response): Promise<{ event: string; data: string }[]> {
  const text = await res.text();
  return text.split(/\n\n/).filter((b) => b.trim()).map((block) => ({
    event: /^event: ?(.*)$/m.exec(block)?.[1] ?? "message",
    data: block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n"),
  }));
}

describe.each(MODES)("graceful shutdown (SIGTERM): $name", (mode) => {
  let llm: FakeOpenAI;
  let dataDir: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  let store: Awaited<ReturnType<Mode["setup"]>>;
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  beforeAll(async () => {
    // Each streamed answer is held after its first chunk until the test releases it (then ~0.5 s
    // more: 25 chunks, 20 ms apart), so the turns are still in flight whenever SIGTERM lands,
    // however slowly a loaded machine runs the test up to that point.
    llm = await startFakeOpenAI(() => ({ text: "Les bureaux de vote sont ouverts de 9 h 30 à 20 h le jour du scrutin.", chunkSize: 3, delayMs: 20, holdAfterFirst: held }));
    dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-shutdown-"));
    store = await mode.setup(dataDir);
    env = { DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, COMPOSER: "llm", LLM_BASE_URL: llm.url, LLM_TIMEOUT_MS: "20000", RATE_LIMIT_PER_CLIENT: "0", ...store.env };
    server = await spawnServer(env);
  });
  afterAll(async () => {
    release();
    server?.killHard();
    await llm?.close();
    await store?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses new connections at once, finishes the turns being streamed, logs them, and exits 0", async () => {
    const streams = await Promise.all(
      ["Quelles sont les heures d'ouverture des bureaux de vote?", "À quelle heure ferment les bureaux de vote?", "Quand puis-je voter le jour du scrutin?"].map((message) =>
        fetch(`${server.url}/api/chat`, { method: "POST", headers: { accept: "text/event-stream" }, body: JSON.stringify({ message }) }),
      ),
    );
    expect(streams.map((r) => r.status)).toEqual([200, 200, 200]);
    await expect.poll(() => llm.requests.length, { timeout: 5000 }).toBe(3); // every turn is at the model, mid-stream
    server.child.kill("SIGTERM");
    await expect.poll(() => onNewConnection(`${server.url}/api/health`), { timeout: 3000, interval: 50 }).toBe("ECONNREFUSED");
    expect(await Promise.race([server.exited.then(() => "exited"), new Promise((r) => setTimeout(() => r("running"), 100))])).toBe("running");
    release();

    const outcomes = await Promise.all(streams.map(readStream));
    const envelopes = outcomes.map((events) => {
      expect(events.some((e) => e.event === "delta")).toBe(true);
      expect(events.at(-1)!.event).toBe("answer");
      return EnvelopeSchema.parse(JSON.parse(events.at(-1)!.data));
    });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.some((l) => l.msg === "stopped cleanly")).toBe(true);

    const db = await store.open();
    try {
      const rows = await db.query<{ turn_id: string }>("SELECT turn_id FROM audit_events WHERE type = 'turn'");
      expect(rows.rows.map((r) => r.turn_id).sort()).toEqual(envelopes.map((e) => e.id).sort());
    } finally {
      await db.close();
    }
    const verify = await runAuditCli(["verify"], env);
    expect(verify.code, verify.out).toBe(0);
  });
});
