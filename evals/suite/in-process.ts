import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite } from "../../src/adapters/pglite.js";
import { parseConfig } from "../../src/config/env.js";
import { makeRuntime, type Runtime } from "../../src/deps.js";
import { answer } from "../../src/pipeline/answer.js";
import type { PipelineDeps } from "../../src/pipeline/deps.js";
import { readTurn } from "../../src/log/read-turn.js";
import type { Dataset } from "../cases.js";
import type { CaseEvidence, Collected, CorpusChunk, LoggedTurn, PublicKey, TurnEvidence } from "./evidence.js";
import { sha256Hex } from "./signature.js";

export interface InProcessOptions {
  corpusDir: string;
  /** Extra configuration (COMPOSER, LLM_BASE_URL…); the environment's own values apply otherwise. */
  env?: Record<string, string | undefined>;
  /** Replaces pipeline parts (the planted-fault tests swap the composer). */
  patchDeps?: (deps: PipelineDeps) => PipelineDeps;
  /** Runs after every question was answered and before the turns are read back. */
  beforeReadBack?: (runtime: Runtime, cases: CaseEvidence[]) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The whole pipeline in this process — the same makeRuntime and answer() as the server,
 * a fresh in-memory PGlite audit log — then every turn read back from that log.
 */
export async function collectInProcess(datasets: readonly Dataset[], opts: InProcessOptions): Promise<Collected> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-eval-"));
  const config = parseConfig({ ...process.env, ...opts.env, DATA_DIR: dataDir, CORPUS_DIR: opts.corpusDir, DATABASE_URL: undefined });
  const runtime = await makeRuntime(config, { db: await openPglite() });
  try {
    const deps = opts.patchDeps ? opts.patchDeps(runtime.deps) : runtime.deps;
    const cases: CaseEvidence[] = [];
    const total = datasets.reduce((n, d) => n + d.cases.length, 0);
    for (const d of datasets) {
      for (const c of d.cases) {
        const turns: TurnEvidence[] = [];
        let conversationId: string | undefined;
        for (const message of [...(c.history ?? []), c.question]) {
          const started = performance.now();
          try {
            const env = await answer({ message, lang: c.lang, ...(conversationId ? { conversationId } : {}) }, deps);
            conversationId = env.conversationId;
            // What a client receives is the JSON of the envelope.
            turns.push({ message, response: JSON.parse(JSON.stringify(env)) as Record<string, unknown>, latencyMs: performance.now() - started, turnId: env.id, logged: null });
          } catch (err) {
            turns.push({ message, response: null, latencyMs: performance.now() - started, turnId: null, logged: null, error: `pipeline error: ${err instanceof Error ? err.message : String(err)}` });
          }
        }
        cases.push({ dataset: d.name, case: c, turns });
        opts.onProgress?.(cases.length, total);
      }
    }
    await runtime.deps.log.flush();
    await opts.beforeReadBack?.(runtime, cases);
    const chunks = runtime.index.retriever.chunks;
    for (const c of cases) for (const t of c.turns) if (t.turnId) t.logged = await readBack(runtime, t.turnId, chunks);
    const keys = (await runtime.deps.log.keys()).map((k) => JSON.parse(k.jwk) as PublicKey);
    return {
      context: {
        mode: "in-process",
        target: `makeRuntime (corpus ${path.relative(process.cwd(), opts.corpusDir) || "."})`,
        corpusVersion: runtime.index.corpusVersion,
        composer: deps.composer.name,
        keys,
        officialDomains: config.CORPUS_ALLOWED_DOMAINS,
      },
      cases,
    };
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function readBack(runtime: Runtime, turnId: string, chunks: ReadonlyMap<string, { text: string; url: string; docId: string }>): Promise<LoggedTurn | null> {
  const record = await readTurn(runtime.deps.log, turnId);
  if (!record) return null;
  const row = await runtime.deps.log.db.query<{ body: string | null; body_hash: string }>("SELECT body, body_hash FROM audit_events WHERE turn_id = $1 AND type = 'turn'", [turnId]);
  const stored = row.rows[0];
  const bodyMatchesHash = stored?.body == null ? null : (await sha256Hex(stored.body)) === stored.body_hash;
  const cited: Record<string, CorpusChunk | null> = {};
  const ids = [record.envelope?.citations, record.header.citations].flatMap((l) => (Array.isArray(l) ? (l as { chunkId?: string }[]) : [])).map((c) => c.chunkId ?? "");
  for (const id of ids) {
    const ch = chunks.get(id);
    cited[id] = ch ? { text: ch.text, url: ch.url, docId: ch.docId } : null;
  }
  return { kind: record.kind, header: record.header, envelope: record.envelope, bodyMatchesHash, chunks: cited };
}
