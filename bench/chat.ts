/**
 * Chat throughput of the real server over HTTP: POST /api/chat (JSON, extractive composer,
 * every turn signed and appended to the audit log before it is answered) against the same
 * server's GET /api/health in the same run. The server runs in its own process pinned to
 * core 0; autocannon runs here, pinned to core 1. Questions cycle through the eval sets.
 *
 * With `workers` > 1 the server is a cluster (WORKERS=N, src/runtime/cluster.ts) on its
 * own Postgres database, and it and autocannon share every core: that is how a cluster
 * is deployed, but the load generator's own CPU is then taken from the server. The audit
 * chain is verified afterwards, as `npm run audit -- verify` would.
 */
import { readdirSync, readFileSync } from "node:fs";
import { runCli } from "../src/audit/cli.js";
import { readDatasets } from "../evals/cases.js";
import { cannon, type CannonRequest, type CannonResult } from "./lib/autocannon.js";
import { dropBenchDatabase, freshBenchDatabase } from "./lib/pg-bench-db.js";
import { pinSelf, startServer } from "./lib/server-proc.js";
import { fmt, int, progress } from "./lib/stats.js";

export interface ChatOptions {
  /** Pin the server to core 0 and autocannon to core 1 (PERF.md protocol); off = both float over all cores. */
  pin: boolean;
  seconds: number;
  connections: number;
  postgresUrl?: string;
  /** Server processes (WORKERS); above 1, a cluster on Postgres only, sharing the cores with autocannon. */
  workers: number;
  /** How many times the cluster is measured, each on a fresh database (PERF.md: best of 3 and the range). */
  runs?: number;
}

export interface ChatRow {
  store: string;
  readyMs: number;
  health: Summary;
  chat: Summary;
  /** Chat turns logged per second over health requests per second. */
  ratio: number;
  /** `audit verify` on the store after the run (cluster runs). */
  audit?: { ok: boolean; events: number; turns: number; signaturesValid: number; issues: number };
}

interface Summary {
  /** Server process CPU (user + system) per request, from /proc: robust to a busy machine. */
  cpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
}

/** [parent pid, CPU seconds so far] of process `pid` (Linux /proc; null elsewhere or once gone). */
function procStat(pid: number): [number, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return [Number(f[1]), (Number(f[11]) + Number(f[12])) / 100];
  } catch {
    return null;
  }
}

/** CPU seconds used so far by process `pid` and its children (a cluster's workers); NaN off Linux. */
function cpuSeconds(pid: number): number {
  const own = procStat(pid);
  if (!own) return Number.NaN;
  let total = own[1];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (st && st[0] === pid) total += st[1];
  }
  return total;
}

async function measured(pid: number, run: () => Promise<CannonResult>): Promise<Summary> {
  const c0 = cpuSeconds(pid);
  const r = await run();
  return summary(r, ((cpuSeconds(pid) - c0) * 1e6) / Math.max(1, r.requests.total));
}

const summary = (r: CannonResult, cpuUs: number): Summary => ({ cpuUs, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts });

async function questions(): Promise<{ message: string; lang: "fr" | "en" }[]> {
  const cases = (await readDatasets()).flatMap((d) => d.cases);
  return cases.map((c) => ({ message: c.question, lang: c.lang }));
}

async function runStore(store: string, env: Record<string, string>, opts: ChatOptions, qs: { message: string; lang: "fr" | "en" }[]): Promise<ChatRow> {
  progress(`chat: starting the server (${store})${opts.pin ? " on core 0" : ""}`);
  const srv = await startServer({ COMPOSER: "extractive", ...env }, opts.pin ? { cpu: 0 } : {});
  const restore = opts.pin ? await pinSelf("1") : async () => undefined;
  try {
    progress(`  ready in ${srv.readyMs} ms at ${srv.url}; warming up`);
    let i = 0;
    const chatRequest = {
      method: "POST",
      path: "/api/chat",
      headers: { "content-type": "application/json" },
      setupRequest: (req: CannonRequest): CannonRequest => ({ ...req, body: JSON.stringify(qs[i++ % qs.length]) }),
    };
    await cannon({ url: srv.url, connections: 8, duration: 2, requests: [chatRequest] });
    progress(`  GET /api/health, ${opts.connections} connections, ${opts.seconds} s`);
    const health = await measured(srv.pid, () => cannon({ url: `${srv.url}/api/health`, connections: opts.connections, duration: opts.seconds }));
    progress(`  health: ${int(health.rps)} req/s, p99 ${health.p99} ms, server CPU ${int(health.cpuUs)} µs/request`);
    progress(`  POST /api/chat, ${opts.connections} connections, ${opts.seconds} s`);
    const chat = await measured(srv.pid, () => cannon({ url: srv.url, connections: opts.connections, duration: opts.seconds, requests: [chatRequest] }));
    progress(`  chat: ${int(chat.rps)} turns/s, p50 ${chat.p50} ms, p99 ${chat.p99} ms, ${chat.bad} errors/non-2xx, server CPU ${int(chat.cpuUs)} µs/turn (${int(1e6 / chat.cpuUs)} turns/s per core)`);
    const row: ChatRow = { store, readyMs: srv.readyMs, health, chat, ratio: chat.rps / health.rps };
    if (env.DATABASE_URL && opts.workers > 1) row.audit = await verifyAudit(env.DATABASE_URL, srv.dataDir);
    return row;
  } finally {
    await restore();
    await srv.stop();
  }
}

/** `npm run audit -- verify --json` against the store the server wrote, while its DATA_DIR (checkpoint file) still exists. */
async function verifyAudit(databaseUrl: string, dataDir: string): Promise<NonNullable<ChatRow["audit"]>> {
  progress("  audit verify (whole chain: hashes, signatures, checkpoints)");
  let out = "";
  const code = await runCli(["verify", "--json"], { DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, { out: (s) => (out += s), err: (s) => progress(`  audit verify: ${s}`) });
  const r = JSON.parse(out) as { ok: boolean; counts: { events: number; turns: number; signaturesValid: number }; issueCount: number };
  progress(`  audit verify: ${r.ok && code === 0 ? "valid" : "**INVALID**"}; ${r.counts.events} rows, ${r.counts.turns} turns, ${r.counts.signaturesValid} signatures valid, ${r.issueCount} issues`);
  return { ok: r.ok && code === 0, events: r.counts.events, turns: r.counts.turns, signaturesValid: r.counts.signaturesValid, issues: r.issueCount };
}

/** Default Postgres server for the cluster run: the DATABASE_URL given, else a local one. */
export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

export async function benchChat(opts: ChatOptions): Promise<ChatRow[]> {
  const qs = await questions();
  if (opts.workers > 1) {
    // PGlite is one embedded database in one process: workers cannot share it.
    progress(`chat: cluster of ${opts.workers} workers on Postgres only (PGlite cannot be shared across processes)`);
    const server = opts.postgresUrl || LOCAL_POSTGRES;
    const name = "scrutin_bench_cluster";
    const rows: ChatRow[] = [];
    for (let run = 1; run <= (opts.runs ?? 1); run++) {
      const url = await freshBenchDatabase(server, name);
      try {
        rows.push(await runStore(`Postgres, WORKERS=${opts.workers} (cluster)`, { DATABASE_URL: url, WORKERS: String(opts.workers) }, { ...opts, pin: false }, qs));
      } finally {
        await dropBenchDatabase(server, name);
      }
    }
    return rows;
  }
  const rows = [await runStore("PGlite (default, on disk)", { DATABASE_URL: "" }, opts, qs)];
  if (opts.postgresUrl) rows.push(await runStore("Postgres", { DATABASE_URL: await freshBenchDatabase(opts.postgresUrl) }, opts, qs));
  else progress("chat: Postgres skipped (no --pg URL or DATABASE_URL)");
  return rows;
}

export function chatMarkdown(rows: ChatRow[], opts: ChatOptions): string {
  const cluster = opts.workers > 1;
  const setup = cluster
    ? `, **cluster: \`WORKERS=${opts.workers}\` on its own Postgres database, the workers and autocannon sharing all cores (not pinned: the load generator's CPU is taken from the server)**`
    : opts.pin
      ? " pinned to core 0; autocannon pinned to core 1"
      : "; server and autocannon not pinned (sharing both cores)";
  return [
    `Real server (\`src/server.ts\`, real corpus, extractive composer, audit log on)${setup}, ${opts.connections} connections, ${opts.seconds} s per endpoint. ` +
      "Questions cycle through `evals/datasets/*.jsonl` (fr and en; answers and abstentions). Every 2xx turn was signed and committed to the audit log before its response." +
      (cluster ? " PGlite is not in this table: it is one embedded database inside one process, so a cluster requires Postgres." : ""),
    "",
    "| store | ready (ms) | health req/s | health p99 (ms) | chat turns/s | chat p50 (ms) | chat p99 (ms) | errors | chat / health | server CPU per turn (µs) | ⇒ turns/s per busy core |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r, i) => `| ${r.store}${rows.length > 1 && rows.every((o) => o.store === r.store) ? `, run ${i + 1}` : ""} | ${int(r.readyMs)} | ${int(r.health.rps)} | ${r.health.p99} | **${int(r.chat.rps)}** | ${r.chat.p50} | ${r.chat.p99} | ${r.chat.bad + r.health.bad} | ${fmt(r.ratio, 3)} | ${int(r.chat.cpuUs)} | ${int(1e6 / r.chat.cpuUs)} |`),
    "",
    cluster
      ? "\"Server CPU per turn\" is the user+system time of the primary and its workers over the run divided by turns. \"ready\" is the first worker's."
      : "The server is one Node process (one core for JavaScript; PGlite runs inside it). \"Server CPU per turn\" is its user+system time over the run divided by turns: it does not depend on how busy the rest of the machine was.",
    ...rows
      .filter((r) => r.audit)
      .map((r, i, all) => `\n**Audit log after ${all.length > 1 ? `run ${i + 1}` : "the run"}** (\`npm run audit -- verify\`, in code): ${r.audit!.ok ? "**valid**" : "**INVALID**"} — ${int(r.audit!.events)} rows, ${int(r.audit!.turns)} turns, ${int(r.audit!.signaturesValid)} signatures valid, ${r.audit!.issues} issues.`),
  ].join("\n");
}
