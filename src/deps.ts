import { createOpenAI } from "@ai-sdk/openai";
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { lockFile } from "./adapters/dir-lock.js";
import { nodeFetch } from "./adapters/node-fetch.js";
import { openPglite } from "./adapters/pglite.js";
import { openPostgres } from "./adapters/postgres.js";
import type { SqlClient } from "./adapters/sql.js";
import { ExtractiveComposer } from "./compose/extractive.js";
import { LlmComposer } from "./compose/llm.js";
import { LlmScopeClassifier } from "./guard/llm-classifier.js";
import type { Composer } from "./compose/types.js";
import { auditApi } from "./audit/api.js";
import { AuditService } from "./audit/service.js";
import { auditUi } from "./audit/ui.js";
import { checkpointFile, type Config } from "./config/env.js";
import { loadIndex, type LoadedIndex } from "./ingest/build-index.js";
import { HashingEmbeddings, RemoteEmbeddings } from "./ingest/embed.js";
import { AuditLog } from "./log/audit-log.js";
import { CheckpointWriter } from "./log/checkpoint.js";
import { buildWidgetBundles } from "./bundle/build-widget.js";
import { loadChangelog } from "./pages/changelog.js";
import { transparencyFacts } from "./pages/transparency-facts.js";
import { loadOrCreateSigner } from "./seal/keys.js";
import type { AppDeps } from "./serve/app.js";
import { siteRoutes } from "./serve/pages.js";
import type { WidgetBundles } from "./serve/widget.js";

export interface Runtime {
  deps: AppDeps;
  index: LoadedIndex;
  config: Config;
  audit: AuditService;
  /** The widget's browser bundles, built once on first use (the Node server warms them at start). */
  widgetBundles: () => Promise<WidgetBundles>;
  close: () => Promise<void>;
}

/** Builds once; a failed build is retried on the next call rather than cached. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= fn().catch((err: unknown) => {
      p = null;
      throw err;
    });
    return p;
  };
}

/**
 * Opens the audit store named by the configuration: a Postgres server, or embedded PGlite
 * in DATA_DIR/audit under an exclusive lock file (PGlite serves one process at a time;
 * a second opener gets a StoreLockedError naming the holder).
 */
export async function openStore(config: Pick<Config, "DATABASE_URL" | "DATA_DIR"> & Partial<Pick<Config, "DATABASE_POOL_MAX">>, purpose = "scrutin server"): Promise<SqlClient> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX ?? 10 });
  await mkdir(config.DATA_DIR, { recursive: true });
  const release = await lockFile(path.join(config.DATA_DIR, "audit.lock"), purpose);
  try {
    const db = await openPglite(path.join(config.DATA_DIR, "audit"));
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          await release();
        }
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}

/** One keep-alive fetch for every provider call of this process (composer, classifier, embeddings). */
let providerFetchInstance: typeof fetch | undefined;
const providerFetch = () => (providerFetchInstance ??= nodeFetch());

export function makeEmbeddings(config: Config) {
  if (config.EMBEDDINGS === "openai") {
    const provider = createOpenAI({ baseURL: config.EMBEDDINGS_BASE_URL, apiKey: config.EMBEDDINGS_API_KEY ?? "none", fetch: providerFetch() });
    return { embeddings: new RemoteEmbeddings(provider.embedding(config.EMBEDDINGS_MODEL)), id: `openai-${config.EMBEDDINGS_MODEL}` };
  }
  return { embeddings: new HashingEmbeddings(), id: HashingEmbeddings.id };
}

export function makeComposer(config: Config): Composer {
  if (config.COMPOSER === "llm") {
    const provider = createOpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY ?? "none", fetch: providerFetch() });
    return new LlmComposer(provider.chat(config.LLM_MODEL), config.LLM_MODEL, config.LLM_TIMEOUT_MS);
  }
  return new ExtractiveComposer();
}

/** The optional LLM scope classifier (GUARD_LLM=on), on the same endpoint as the composer. */
export function makeScopeClassifier(config: Config): LlmScopeClassifier | undefined {
  if (!config.GUARD_LLM || !config.LLM_BASE_URL) return undefined;
  const provider = createOpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY ?? "none", fetch: providerFetch() });
  return new LlmScopeClassifier(provider.chat(config.LLM_MODEL), config.LLM_TIMEOUT_MS);
}

/** The composition root: configuration in, every adapter wired once. */
export async function makeRuntime(config: Config, opts: { db?: SqlClient } = {}): Promise<Runtime> {
  const { embeddings, id: embedderId } = makeEmbeddings(config);
  const [index, db, signer, changelog] = await Promise.all([
    loadIndex({ corpusDir: config.CORPUS_DIR, dataDir: config.DATA_DIR, embeddings, embedderId, domains: config.CORPUS_ALLOWED_DOMAINS }),
    opts.db ? Promise.resolve(opts.db) : openStore(config),
    loadOrCreateSigner(config.DATA_DIR, config.SIGNING_KEY_JWK),
    loadChangelog(config.CORPUS_DIR),
  ]);
  const log = await AuditLog.open(db);
  const now = () => new Date();
  await log.registerKey(signer.keyId, signer.publicJwk, now());
  const audit = new AuditService({
    log,
    signer,
    checkpoints: new CheckpointWriter(log, signer, checkpointFile(config), now),
    chunks: index.retriever.chunks,
    corpusVersion: index.corpusVersion,
    retentionDays: config.RETENTION_DAYS,
    sessionMinutes: config.AUDIT_SESSION_MINUTES,
    now,
    newId: () => randomUUID(),
  });
  // A signed checkpoint from the start, so /api/audit/head always has one to publish.
  await audit.checkpoint();
  const fallback = new ExtractiveComposer();
  const composer = makeComposer(config);
  const scopeClassifier = makeScopeClassifier(config);
  const widgetBundles = once(buildWidgetBundles);
  const publicKeys = async () => {
    const stored = (await log.keys()).map((k) => JSON.parse(k.jwk) as Record<string, unknown>);
    return stored.length > 0 ? stored : [signer.publicJwk];
  };
  const facts = transparencyFacts(config, { version: index.corpusVersion, documents: index.documents }, changelog);
  const site = siteRoutes({ facts, publicKeys, bundles: widgetBundles, demo: { enabled: config.DEMO_PAGE, partyName: config.PARTY_NAME.trim() || "Parti démo" } });
  const deps: AppDeps = {
    retriever: index.retriever,
    corpusVersion: index.corpusVersion,
    composer,
    fallback,
    signer,
    log,
    links: { partyPlatformUrl: config.PARTY_PLATFORM_URL },
    ...(scopeClassifier ? { scopeClassifier } : {}),
    now,
    newId: () => randomUUID(),
    health: async () => {
      const storeOk = await log.ping();
      return {
        ready: storeOk,
        details: {
          index: { loaded: true, corpusVersion: index.corpusVersion, documents: index.documents.length, chunks: index.chunks.length },
          store: { dialect: db.dialect, reachable: storeOk },
          composer: composer.name,
        },
      };
    },
    publicKeys,
    mount: (app) => {
      app.route("/", site);
      app.route("/", auditApi(audit));
      app.route("/", auditUi(audit));
    },
  };
  return {
    deps,
    index,
    config,
    audit,
    widgetBundles,
    close: async () => {
      // A last signed checkpoint, so the final rows are covered when the service stops.
      try {
        await log.flush();
        await audit.checkpoint();
      } finally {
        await log.close();
      }
    },
  };
}
