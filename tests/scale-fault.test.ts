import { get } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../src/adapters/postgres.js";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { FIXTURE_CORPUS } from "./support/runtime.js";
import { scaleSchema } from "./support/scale-db.js";
import { runAuditCli, spawnServer, type ServerProcess } from "./support/server-process.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] cluster and SIGKILL fault test: set DATABASE_URL (a Postgres server) to run it");

const QUESTIONS = [
  "Quelles pièces d'identité dois-je présenter pour voter?",
  "What ID do I need to vote?",
  "Quelles sont les heures d'ouverture des bureaux de vote?",
  "Pour quel parti devrais-je voter?",
];

/** POST /api/chat on a fresh connection (so node:cluster can hand it to any worker): status and envelope id. */
function askOnce(url: string, message: string, stream: boolean): Promise<{ status: number; id?: string }> {
  return fetch(`${url}/api/chat`, {
    method: "POST",
    headers: { accept: stream ? "text/event-stream" : "application/json", connection: "close" },
    body: JSON.stringify({ message }),
  }).then(async (res) => {
    const text = await res.text();
    if (res.status !== 200) return { status: res.status };
    const json = stream ? /event: answer\ndata: (.*)\n/.exec(text)?.[1] : text;
    if (!json) throw new Error("stream ended without its final envelope");
    return { status: 200, id: EnvelopeSchema.parse(JSON.parse(json)).id };
  });
}

function statusOnNewConnection(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

describe.skipIf(!DATABASE_URL)("several Node processes on one port over Postgres (WORKERS=2), killed hard mid-load", () => {
  let url: string;
  let drop: () => Promise<void>;
  let dataDir: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    ({ url, drop } = await scaleSchema(DATABASE_URL!, "fault"));
    dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-scale-"));
    env = { DATABASE_URL: url, DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, WORKERS: "2", DATABASE_POOL_MAX: "4", RATE_LIMIT_PER_CLIENT: "0", RATE_LIMIT_GLOBAL: "0" };
  });
  afterAll(async () => {
    for (const s of servers) s.killHard();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await drop?.();
  });

  it("after SIGKILL under load and a restart, every answer a client received is in the log and the chain verifies", async () => {
    const first = await spawnServer(env);
    servers.push(first);
    const answered: string[] = [];
    let failures = 0;
    let running = true;
    const loop = async (n: number) => {
      for (let i = 0; running; i++) {
        try {
          const r = await askOnce(first.url, QUESTIONS[(n + i) % QUESTIONS.length]!, (n + i) % 2 === 0);
          if (r.id) answered.push(r.id);
        } catch {
          failures++; // in flight when the processes died: never answered, so nothing is owed
          return;
        }
      }
    };
    const loops = Array.from({ length: 8 }, (_, n) => loop(n));
    await expect.poll(() => answered.length, { timeout: 60_000, interval: 25 }).toBeGreaterThanOrEqual(60);
    first.killHard(); // the primary and both workers, mid-load, no shutdown code runs
    running = false;
    await Promise.all(loops);
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(failures).toBeGreaterThan(0); // requests were in flight: the kill landed mid-load
    const workersThatLogged = new Set(first.lines.filter((l) => l.msg === "turn logged").map((l) => l.worker));
    expect([...workersThatLogged].sort()).toEqual([0, 1]);

    // Restart on the same store: the chain continues, and the limits are shared by both workers.
    const second = await spawnServer({ ...env, RATE_LIMIT_PER_CLIENT: "4", RATE_LIMIT_WINDOW_SECONDS: "3600", METRICS_TOKEN: "scale-metrics-token-0001" });
    servers.push(second);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await askOnce(second.url, QUESTIONS[0]!, false)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const metrics = await statusOnNewConnection(`${second.url}/metrics`, { authorization: "Bearer scale-metrics-token-0001" });
    expect(metrics.status).toBe(200);
    // Whichever worker answers the scrape reports the whole cluster's counts.
    expect(metrics.body).toContain("# scrutin: 2 of 2 workers reported");
    expect(metrics.body).toMatch(/scrutin_rate_limited_total\{scope="client"\} 4/);
    expect(metrics.body).toMatch(/scrutin_turns_total\{kind="answer",generator="extractive",lang="fr"\} 4/);
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const db = await openPostgres(url);
    try {
      const rows = await db.query<{ turn_id: string }>("SELECT turn_id FROM audit_events WHERE type = 'turn' AND turn_id = ANY($1)", [answered]);
      const logged = new Set(rows.rows.map((r) => r.turn_id));
      expect(answered.filter((id) => !logged.has(id))).toEqual([]);
      const seqs = await db.query<{ n: string; max: string }>("SELECT count(*)::text AS n, max(seq)::text AS max FROM audit_events");
      expect(seqs.rows[0]!.n).toBe(seqs.rows[0]!.max); // one chain, no gap, no fork
    } finally {
      await db.close();
    }
    const verify = await runAuditCli(["verify"], env);
    expect(verify.code, verify.out).toBe(0);
    console.info(`[fault test] ${answered.length} answers received before SIGKILL, ${failures} requests cut off; all answered turns logged; audit verify passed`);
  });
});
