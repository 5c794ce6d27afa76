import { createOpenAI } from "@ai-sdk/openai";
import { openPostgresClient } from "../adapters/postgres-client.js";
import type { SqlClient } from "../adapters/sql.js";
import { ExtractiveComposer } from "../compose/extractive.js";
import { LlmComposer } from "../compose/llm.js";
import type { Composer } from "../compose/types.js";
import { AppError, toErrorBody } from "../contract/errors.js";
import { ConfigError, parseConfig, type Config } from "../config/env.js";
import { HashingEmbeddings, RemoteEmbeddings } from "../ingest/embed.js";
import { AuditLog } from "../log/audit-log.js";
import { CheckpointWriter, type Checkpoint } from "../log/checkpoint.js";
import { MIGRATIONS } from "../log/migrations.js";
import { loadPortableIndex, type PortableIndex } from "../retrieve/portable-index.js";
import { parsePrivateJwk } from "../seal/private-jwk.js";
import { createSigner, type Signer } from "../seal/sign.js";
import { createApp, type AppDeps } from "../serve/app.js";
import { edgeFromConfig, headerClientAddress } from "../serve/edge.js";

/** The Hyperdrive binding's shape (the part used here). */
export interface HyperdriveBinding {
  connectionString: string;
}

/** The Worker's bindings: Hyperdrive, the signing-key secret, and plain-text vars read by src/config/env.ts. */
export interface WorkerEnv {
  HYPERDRIVE?: HyperdriveBinding;
  SIGNING_KEY_JWK?: string;
  [name: string]: unknown;
}

export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The bundled index artifact (dist/worker-index: manifest.json, vectors.bin). */
export interface WorkerArtifact {
  manifest: unknown;
  vectors: ArrayBuffer;
}

/** What one isolate builds once and every request shares: nothing here holds a socket. */
interface Isolate {
  config: Config;
  index: PortableIndex;
  signer: Signer;
  composer: Composer;
  fallback: ExtractiveComposer;
  /** Set once migrations ran and the signing key is announced on the chain. */
  storeReady: boolean;
}

/** Same embedders as the Node composition root (src/deps.ts), without its Node-only imports. */
function embedder(config: Config) {
  if (config.EMBEDDINGS === "openai") {
    const provider = createOpenAI({ baseURL: config.EMBEDDINGS_BASE_URL, apiKey: config.EMBEDDINGS_API_KEY ?? "none" });
    return { embeddings: new RemoteEmbeddings(provider.embedding(config.EMBEDDINGS_MODEL)), id: `openai-${config.EMBEDDINGS_MODEL}` };
  }
  return { embeddings: new HashingEmbeddings(), id: HashingEmbeddings.id };
}

function composerFor(config: Config): Composer {
  if (config.COMPOSER === "llm") {
    const provider = createOpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY ?? "none" });
    return new LlmComposer(provider.chat(config.LLM_MODEL), config.LLM_MODEL, config.LLM_TIMEOUT_MS);
  }
  return new ExtractiveComposer();
}

/** The Worker's configuration: its string vars and secrets through the same schema as Node, the database from Hyperdrive. */
export function workerConfig(env: WorkerEnv): Config {
  if (!env.HYPERDRIVE?.connectionString) throw new ConfigError("Invalid configuration:\n  HYPERDRIVE: the Hyperdrive binding is missing (see wrangler.toml)");
  if (!env.SIGNING_KEY_JWK) throw new ConfigError("Invalid configuration:\n  SIGNING_KEY_JWK: required on Workers (a secret; no file system to keep a generated key)");
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") vars[k] = v;
  return parseConfig({ ...vars, DATABASE_URL: env.HYPERDRIVE.connectionString });
}

async function buildIsolate(env: WorkerEnv, index: PortableIndex): Promise<Isolate> {
  const config = workerConfig(env);
  const { embeddings, id } = embedder(config);
  index.useEmbeddings(embeddings, id);
  const signer = await createSigner(parsePrivateJwk(config.SIGNING_KEY_JWK!));
  return { config, index, signer, composer: composerFor(config), fallback: new ExtractiveComposer(), storeReady: false };
}

/** The app for one request, over that request's own database connection. */
function requestDeps(iso: Isolate, db: SqlClient, log: AuditLog): AppDeps {
  return {
    retriever: iso.index.retriever,
    corpusVersion: iso.index.manifest.corpusVersion,
    composer: iso.composer,
    fallback: iso.fallback,
    signer: iso.signer,
    log,
    links: { partyPlatformUrl: iso.config.PARTY_PLATFORM_URL },
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    // CORS, security headers and the turn deadline as on Node; the client address is the one
    // Cloudflare's edge sets. Rate limits are left to Cloudflare's own rate limiting rules:
    // a per-request Postgres counter would add round trips to every turn.
    edge: { ...edgeFromConfig(iso.config), clientAddress: headerClientAddress("cf-connecting-ip") },
    health: async () => {
      const storeOk = await log.ping();
      return {
        ready: storeOk,
        details: {
          runtime: "workers",
          index: { loaded: true, corpusVersion: iso.index.manifest.corpusVersion, documents: iso.index.manifest.documents.length, chunks: iso.index.chunks.length, vectors: "exact" },
          store: { dialect: db.dialect, reachable: storeOk },
          composer: iso.composer.name,
        },
      };
    },
    publicKeys: async () => {
      const stored = (await log.keys()).map((k) => JSON.parse(k.jwk) as Record<string, unknown>);
      return stored.length > 0 ? stored : [iso.signer.publicJwk];
    },
  };
}

/**
 * Watches a request's audit appends, so its connection is not closed under an answer that
 * is still being composed (a voter closing an SSE stream does not stop the turn being logged,
 * as on Node).
 */
function watchAppends(log: AuditLog): { logged: Promise<void> } {
  let resolve!: () => void;
  const logged = new Promise<void>((r) => (resolve = r));
  const append = log.append.bind(log);
  log.append = (event) => {
    const p = append(event);
    p.then(resolve, resolve);
    return p;
  };
  return { logged };
}

/**
 * Closes the connection once the response body has been sent in full. If the client went
 * away first, a chat turn may still be composing: wait for its append (bounded by `graceMs`).
 */
function closeAfter(res: Response, db: SqlClient, ctx: WorkerContext, pending: { logged: Promise<void> } | null, graceMs: number): Response {
  const close = () => db.close().catch((err: unknown) => console.error("closing the audit connection failed:", err));
  const afterAbort = async () => {
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([pending.logged, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  };
  if (!res.body) {
    ctx.waitUntil(close());
    return res;
  }
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  ctx.waitUntil(res.body.pipeTo(writable).then(() => undefined, afterAbort).then(close));
  return new Response(readable, res);
}

function unavailable(message: string): Response {
  return Response.json(toErrorBody(new AppError("unavailable", message)), { status: 503 });
}

/**
 * Whether the store already has every migration and has announced this key: one round trip,
 * so a fresh isolate skips the migration transactions in the common case. A store without
 * the migrations table is simply not ready.
 */
async function storeReady(db: SqlClient, kid: string): Promise<boolean> {
  try {
    const r = await db.query<{ migrated: number; announced: boolean | null }>(
      "SELECT (SELECT count(*) FROM schema_migrations WHERE id = ANY($1::int[]))::int AS migrated, (SELECT announced_seq IS NOT NULL FROM signing_keys WHERE kid = $2) AS announced",
      [MIGRATIONS.map((m) => m.id), kid],
    );
    return r.rows[0]?.migrated === MIGRATIONS.length && r.rows[0]?.announced === true;
  } catch (err) {
    if ((err as { code?: string }).code === "42P01") return false; // undefined_table: never migrated
    throw err;
  }
}

/**
 * Opens the audit log over a request's connection: the first time in an isolate it makes
 * sure the store is migrated and the signing key announced on the chain, before anything
 * it signs is logged.
 */
async function openLog(iso: Isolate, db: SqlClient): Promise<AuditLog> {
  if (iso.storeReady || (await storeReady(db, iso.signer.keyId))) {
    iso.storeReady = true;
    return AuditLog.attach(db);
  }
  const log = await AuditLog.open(db);
  await log.registerKey(iso.signer.keyId, iso.signer.publicJwk, new Date());
  iso.storeReady = true;
  return log;
}

/**
 * Signs a checkpoint of the chain head when it moved since the last one in the table (the
 * Cron Trigger's job: the Node server does this on a timer). No checkpoint file on Workers:
 * the table, `GET /api/audit/head` on a Node server and auditors' saved copies hold them.
 */
export async function checkpointIfMoved(log: AuditLog, signer: Signer, now: () => Date = () => new Date()): Promise<Checkpoint | null> {
  const writer = new CheckpointWriter(log, signer, null, now);
  const [head, latest] = await Promise.all([log.head(), writer.latest()]);
  if (head.seq === 0 || latest?.seq === head.seq) return null;
  return writer.write({ force: true });
}

/**
 * The Workers entry: the same Hono app as Node (createApp), over the bundled portable
 * index, a Hyperdrive-pooled Postgres connection per request and a Web Crypto signer.
 * Audit UI/API, retention purges, the widget and the site pages stay on the Node server
 * (they need a file system or esbuild); both write and read the same Postgres audit log.
 */
export function workerHandler(artifact: WorkerArtifact) {
  // The index is built now, in the Worker's global scope: start-up has its own CPU budget
  // (1 s) and runs before the first request, which then only pays for its own work. A
  // broken artifact throws here, so the Worker fails to start (and to deploy) rather than
  // serve without an index.
  const index = loadPortableIndex(artifact.manifest, artifact.vectors);
  let isolate: Promise<Isolate> | null = null;
  const start = (env: WorkerEnv): Promise<Isolate> =>
    (isolate ??= buildIsolate(env, index).catch((err: unknown) => {
      isolate = null;
      throw err;
    }));
  return {
    /** Cron Trigger (wrangler.toml [triggers]): a signed checkpoint of the chain head. */
    async scheduled(_event: unknown, env: WorkerEnv, _ctx: WorkerContext): Promise<void> {
      const iso = await start(env);
      const db = openPostgresClient(iso.config.DATABASE_URL!);
      try {
        const cp = await checkpointIfMoved(await openLog(iso, db), iso.signer);
        if (cp) console.log(`signed checkpoint at row ${cp.seq}`);
      } finally {
        await db.close();
      }
    },

    async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      let iso: Isolate;
      try {
        iso = await start(env);
      } catch (err) {
        console.error("worker start-up failed:", err instanceof ConfigError ? err.message : err);
        return unavailable("The service is not configured correctly; the operator has been told.");
      }
      const db = openPostgresClient(iso.config.DATABASE_URL!);
      let log: AuditLog;
      try {
        log = await openLog(iso, db);
      } catch (err) {
        console.error("audit store unreachable:", err);
        ctx.waitUntil(db.close().catch((closeErr: unknown) => console.error("closing the audit connection failed:", closeErr)));
        return unavailable("The audit log is unreachable, so no answer can be given. Please try again shortly.");
      }
      const isChat = request.method === "POST" && new URL(request.url).pathname === "/api/chat";
      const pending = isChat ? watchAppends(log) : null;
      const app = createApp(requestDeps(iso, db, log));
      let res: Response;
      try {
        res = await app.fetch(request);
      } catch (err) {
        ctx.waitUntil(db.close());
        throw err;
      }
      return closeAfter(res, db, ctx, pending, iso.config.LLM_TIMEOUT_MS + 5_000);
    },
  };
}
