import cluster from "node:cluster";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { StoreLockedError } from "./adapters/dir-lock.js";
import { ConfigError, parseConfig, type Config } from "./config/env.js";
import { startAuditTasks } from "./audit/tasks.js";
import { makeEmbeddings, makeRuntime } from "./deps.js";
import { loadIndex } from "./ingest/build-index.js";
import { runPrimary, workerCount } from "./runtime/cluster.js";
import { makeLogger, type NodeLogger } from "./runtime/logger.js";
import { nodeEdge } from "./runtime/node-edge.js";
import { gracefulShutdown } from "./runtime/shutdown.js";
import { startTracing } from "./runtime/tracing.js";
import { createApp } from "./serve/app.js";

/**
 * Node entry point: configuration → runtime → HTTP server, with a graceful shutdown. With
 * WORKERS > 1 this process becomes a cluster primary forking that many servers on one port.
 */
async function main(config: Config, logger: NodeLogger): Promise<void> {
  if (cluster.isPrimary && workerCount(config) > 1) {
    // Build the index cache once, so the workers load it instead of all building it at once.
    const { embeddings, id } = makeEmbeddings(config);
    await loadIndex({ corpusDir: config.CORPUS_DIR, dataDir: config.DATA_DIR, embeddings, embedderId: id, domains: config.CORPUS_ALLOWED_DOMAINS });
    runPrimary(config, logger);
    return;
  }
  await serveOne(config, logger);
}

async function serveOne(config: Config, logger: NodeLogger): Promise<void> {
  const t0 = performance.now();
  const tracing = startTracing(config);
  const runtime = await makeRuntime(config);
  // Build the widget before listening: a broken or oversized bundle stops the start.
  const bundles = await runtime.widgetBundles();
  const { edge } = await nodeEdge(runtime, config, logger);
  const app = createApp({ ...runtime.deps, edge });
  // In a cluster only worker 0 signs checkpoints and purges, so they are not repeated n times.
  const runsTasks = (config.SCRUTIN_WORKER_INDEX ?? 0) === 0;
  const tasks = runsTasks
    ? startAuditTasks(runtime.audit, {
        checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS,
        purgeMinutes: config.AUDIT_PURGE_INTERVAL_MINUTES,
        report: (msg, err) => (err ? logger.error({ err }, msg) : logger.info({}, msg)),
      })
    : { stop: async () => {} };
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = `http://${config.HOST}:${info.port}`;
    const readyMs = Math.round(performance.now() - t0);
    logger.info(
      {
        url, port: info.port, corpusVersion: runtime.index.corpusVersion, chunks: runtime.index.chunks.length,
        index: runtime.index.built ? "built" : "loaded from cache", store: config.DATABASE_URL ? "postgres" : "pglite", composer: config.COMPOSER,
        widgetGzipKB: Number((bundles.widget.gzipBytes / 1024).toFixed(1)), readyMs, auditTasks: runsTasks,
      },
      // The message keeps the earlier plain-text shape ("listening on <url> … ready in <n> ms") that scripts match.
      `Scrutin listening on ${url} (ready in ${readyMs} ms)`,
    );
  }) as Server;
  const shutdown = gracefulShutdown(server, {
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    finish: async () => {
      await tasks.stop();
      await runtime.close();
      await tracing?.shutdown();
      logger.flush();
    },
  });
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

let config: Config;
try {
  config = parseConfig(process.env);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
const logger = makeLogger(config);
main(config, logger).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StoreLockedError) logger.fatal({}, err.message);
  else logger.fatal({ err }, "start-up failed");
  logger.flush();
  process.exit(1);
});
