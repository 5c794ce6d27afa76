import type { Dataset } from "../cases.js";
import type { CaseEvidence, Collected, CorpusChunk, LoggedTurn, PublicKey, TurnEvidence } from "./evidence.js";

export interface HttpOptions {
  /** Base URL of a running deployment, e.g. http://127.0.0.1:8787 */
  url: string;
  /** An auditor token (npm run audit -- token create --role auditor). */
  token: string;
  officialDomains: string[];
  onProgress?: (done: number, total: number) => void;
}

interface AuditPassage {
  chunkId: string;
  url: string;
  passageFrom: "current" | "unchanged" | "other-version";
  passage: { text: string; url: string } | null;
}

/**
 * A running deployment as a black box: each message through POST /api/chat, then each turn
 * read back through the auditor API (GET /api/audit/turns/:id), keys from /api/keys.
 */
export async function collectHttp(datasets: readonly Dataset[], opts: HttpOptions): Promise<Collected> {
  const base = opts.url.replace(/\/+$/, "");
  const auth = { authorization: `Bearer ${opts.token}` };
  const health = await getJson(`${base}/api/health`, {});
  const corpusVersion = String((health.index as { corpusVersion?: unknown } | undefined)?.corpusVersion ?? "unknown");
  // Fail fast on a bad token rather than after every question.
  const probe = await fetch(`${base}/api/audit/turns?limit=1`, { headers: auth });
  if (probe.status === 401 || probe.status === 403) throw new Error(`the auditor API refused the token (${probe.status}): create one with npm run audit -- token create --role auditor`);
  const cases: CaseEvidence[] = [];
  const total = datasets.reduce((n, d) => n + d.cases.length, 0);
  for (const d of datasets) {
    for (const c of d.cases) {
      const turns: TurnEvidence[] = [];
      let conversationId: string | undefined;
      for (const message of [...(c.history ?? []), c.question]) {
        const started = performance.now();
        const res = await fetch(`${base}/api/chat`, {
          method: "POST",
          headers: { accept: "application/json", "content-type": "application/json" },
          body: JSON.stringify({ message, lang: c.lang, ...(conversationId ? { conversationId } : {}) }),
        });
        const latencyMs = performance.now() - started;
        if (res.status !== 200) {
          turns.push({ message, response: null, latencyMs, turnId: null, logged: null, error: `POST /api/chat ${res.status}: ${(await res.text()).slice(0, 200)}` });
          continue;
        }
        const env = (await res.json()) as Record<string, unknown>;
        conversationId = typeof env.conversationId === "string" ? env.conversationId : undefined;
        turns.push({ message, response: env, latencyMs, turnId: typeof env.id === "string" ? env.id : null, logged: null });
      }
      cases.push({ dataset: d.name, case: c, turns });
      opts.onProgress?.(cases.length, total);
    }
  }
  for (const c of cases) for (const t of c.turns) if (t.turnId) t.logged = await readBack(base, auth, t.turnId);
  const keys = ((await getJson(`${base}/api/keys`, {})).keys as PublicKey[] | undefined) ?? [];
  const composer = String((health as { composer?: unknown }).composer ?? "unknown");
  return { context: { mode: "http", target: base, corpusVersion, composer, keys, officialDomains: opts.officialDomains }, cases };
}

async function getJson(url: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as Record<string, unknown>;
}

async function readBack(base: string, auth: Record<string, string>, turnId: string): Promise<LoggedTurn | null> {
  const res = await fetch(`${base}/api/audit/turns/${encodeURIComponent(turnId)}`, { headers: auth });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET /api/audit/turns/${turnId}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const d = (await res.json()) as {
    kind: string | null;
    header: Record<string, unknown>;
    envelope: Record<string, unknown> | null;
    passages: AuditPassage[];
    verification: { bodyMatchesHash: boolean | null };
  };
  const chunks: Record<string, CorpusChunk | null> = {};
  for (const p of d.passages) {
    // The server's loaded corpus holds the chunk unless it reports another version.
    chunks[p.chunkId] = p.passage && p.passageFrom !== "other-version" ? { text: p.passage.text, url: p.passage.url, docId: p.chunkId.split(":")[0]! } : null;
  }
  return { kind: d.kind, header: d.header, envelope: d.envelope, bodyMatchesHash: d.verification.bodyMatchesHash, chunks };
}
