/**
 * Audit write cost per turn: `AuditLog.append` of realistic turn rows (signed envelope +
 * retrieval header, ~3.7 KB) with group commit, at several numbers of appends in flight,
 * against embedded PGlite (in memory, and on disk as in production) and a Postgres server.
 * Latency is from `append()` to its promise resolving (after COMMIT); CPU is this
 * process's user+system time per row (PGlite runs in-process, so it includes the database).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite } from "../src/adapters/pglite.js";
import { openPostgres } from "../src/adapters/postgres.js";
import type { SqlClient } from "../src/adapters/sql.js";
import type { UnsignedEnvelope } from "../src/contract/envelope.js";
import { AuditLog } from "../src/log/audit-log.js";
import { canonicalJson, sha256Hex } from "../src/log/chain.js";
import type { NewEvent } from "../src/log/event.js";
import { createSigner, generatePrivateJwk, signEnvelope } from "../src/seal/sign.js";
import { freshBenchDatabase } from "./lib/pg-bench-db.js";
import { fmt, int, percentile, progress } from "./lib/stats.js";

export interface AuditOptions {
  concurrency: number[];
  seconds: number;
  /** A Postgres server URL; the bench uses its own database `scrutin_bench` on it. */
  postgresUrl?: string;
}

export interface AuditRow {
  store: string;
  inFlight: number;
  rows: number;
  rowsPerSec: number;
  p50: number;
  p99: number;
  cpuUsPerRow: number;
  avgRowBytes: number;
}

const TEXT = "Au bureau de vote, l'électeur doit présenter l'une des cinq pièces d'identité suivantes : son permis de conduire du Québec; sa carte d'assurance maladie du Québec; son passeport canadien; son certificat de statut d'Indien; sa carte d'identité des Forces armées canadiennes. [1]\n\n";

async function turnFactory(): Promise<{ kid: string; jwk: unknown; next: () => NewEvent }> {
  const signer = await createSigner(await generatePrivateJwk());
  // One signed envelope reused for every row: signing is the seal's cost, not the log's.
  const unsigned: UnsignedEnvelope = {
    id: randomUUID(), conversationId: randomUUID(), lang: "fr", kind: "answer", text: TEXT.repeat(3), aiGenerated: true,
    label: { text: "Réponse générée par une intelligence artificielle" },
    officialLink: { url: "https://www.electionsquebec.qc.ca/", title: "Élections Québec" },
    citations: [{ n: 1, sourceId: "identification-fr", chunkId: "identification-fr:1-1da6feaa", title: "Pièces d'identité", url: "https://www.electionsquebec.qc.ca/comprendre/", quote: TEXT.slice(0, 300) }],
    provenance: { corpusVersion: "c-bench", generator: "extractive", model: "none", promptVersion: "extractive-v1", createdAt: new Date().toISOString() },
  };
  const envelope = await signEnvelope(unsigned, signer);
  const envelopeHash = sha256Hex(canonicalJson(envelope));
  return {
    kid: signer.keyId,
    jwk: signer.publicJwk,
    next: () => {
      const id = randomUUID();
      return {
        type: "turn", eventId: id, createdAt: new Date().toISOString(), conversationId: randomUUID(), turnId: id, lang: "fr", answerKind: "answer",
        header: {
          corpusVersion: "c-bench", generator: "extractive", model: "none", promptVersion: "extractive-v1", latencyMs: 3.2,
          guard: { category: "in_scope", piiKinds: [], verdicts: [{ name: "privacy.pii", triggered: false }] },
          retrieval: { hits: Array.from({ length: 6 }, (_, k) => ({ chunkId: `identification-fr:${k}-abcdef12`, sourceId: "identification-fr", score: 0.03, bm25: { rank: k + 1, score: 4.2 }, vector: { rank: k + 1, score: 0.8 } })) },
          citations: [{ n: 1, chunkId: "identification-fr:1-1da6feaa", sourceId: "identification-fr", url: "https://www.electionsquebec.qc.ca/comprendre/" }],
          envelopeHash, keyId: signer.keyId,
        },
        body: { question: "Quelles pièces d'identité dois-je présenter pour voter?", retrievalQuery: "pièces identité voter", envelope },
      };
    },
  };
}

/** Keeps `inFlight` appends outstanding for `seconds` (a closed loop, like concurrent turns). */
async function closedLoop(log: AuditLog, next: () => NewEvent, inFlight: number, seconds: number): Promise<{ rows: number; ms: number; lat: number[]; cpuUs: number }> {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await log.append(next());
      lat.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { rows: lat.length, ms, lat, cpuUs: cpu.user + cpu.system };
}

async function benchStore(store: string, db: SqlClient, opts: AuditOptions, turns: Awaited<ReturnType<typeof turnFactory>>): Promise<AuditRow[]> {
  const log = await AuditLog.open(db);
  await log.registerKey(turns.kid, turns.jwk);
  const out: AuditRow[] = [];
  try {
    // Warm-up: the first inserts pay for plan caching and (PGlite) WASM tiering.
    await closedLoop(log, turns.next, 8, 0.5);
    for (const c of opts.concurrency) {
      const r = await closedLoop(log, turns.next, c, opts.seconds);
      const bytes = (await db.query<{ b: string | null }>("SELECT avg(length(header) + length(coalesce(body, '')))::text AS b FROM audit_events WHERE type = 'turn'")).rows[0]?.b;
      const row: AuditRow = { store, inFlight: c, rows: r.rows, rowsPerSec: r.rows / (r.ms / 1000), p50: percentile(r.lat, 50), p99: percentile(r.lat, 99), cpuUsPerRow: r.cpuUs / r.rows, avgRowBytes: Number(bytes ?? 0) };
      progress(`  ${store}, ${c} in flight: ${int(row.rowsPerSec)} rows/s, append p50 ${fmt(row.p50)} ms, p99 ${fmt(row.p99)} ms, ${fmt(row.cpuUsPerRow, 0)} µs CPU/row`);
      out.push(row);
    }
  } finally {
    await log.close();
  }
  return out;
}

export async function benchAudit(opts: AuditOptions): Promise<AuditRow[]> {
  const turns = await turnFactory();
  const rows: AuditRow[] = [];
  progress("audit: PGlite in memory");
  rows.push(...(await benchStore("PGlite (memory)", await openPglite(), opts, turns)));
  const dir = await mkdtemp(path.join(tmpdir(), "scrutin-bench-audit-"));
  try {
    progress("audit: PGlite on disk (the default store)");
    rows.push(...(await benchStore("PGlite (disk)", await openPglite(path.join(dir, "audit")), opts, turns)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (opts.postgresUrl) {
    progress("audit: Postgres (database scrutin_bench)");
    const url = await freshBenchDatabase(opts.postgresUrl);
    rows.push(...(await benchStore("Postgres", await openPostgres(url), opts, turns)));
  } else {
    progress("audit: Postgres skipped (no --pg URL or DATABASE_URL)");
  }
  return rows;
}

export function auditMarkdown(rows: AuditRow[], opts: AuditOptions): string {
  const out = [
    `\`AuditLog.append\` of turn rows (avg ${int(rows[0]?.avgRowBytes ?? 0)} B of header + body), group commit (up to 500 rows per transaction), a closed loop of N appends in flight for ${opts.seconds} s each. ` +
      "Latency = `append()` until COMMIT. CPU = this process per row (includes PGlite itself, which runs in-process; excludes the Postgres server).",
    "",
    "| store | in flight | rows | rows/s | append p50 (ms) | append p99 (ms) | CPU µs/row |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.store} | ${r.inFlight} | ${int(r.rows)} | ${int(r.rowsPerSec)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.cpuUsPerRow, 0)} |`),
  ];
  if (!opts.postgresUrl) out.push("", "Postgres not measured: pass `--pg postgres://…` or set DATABASE_URL.");
  return out.join("\n");
}
