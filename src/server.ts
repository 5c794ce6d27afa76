import { serve } from "@hono/node-server";
import { StoreLockedError } from "./adapters/dir-lock.js";
import { ConfigError, parseConfig } from "./config/env.js";
import { startAuditTasks } from "./audit/tasks.js";
import { makeRuntime } from "./deps.js";
import { createApp } from "./serve/app.js";

/** Node entry point: configuration → runtime → HTTP server, with a graceful shutdown. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const t0 = performance.now();
  const runtime = await makeRuntime(config);
  // Build the widget before listening: a broken or oversized bundle stops the start.
  const bundles = await runtime.widgetBundles();
  const app = createApp(runtime.deps);
  const tasks = startAuditTasks(runtime.audit, {
    checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS,
    purgeMinutes: config.AUDIT_PURGE_INTERVAL_MINUTES,
    report: (msg, err) => (err ? console.error(msg, err) : console.log(msg)),
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const ms = Math.round(performance.now() - t0);
    console.log(
      `Scrutin listening on http://${config.HOST}:${info.port} (corpus ${runtime.index.corpusVersion}, ${runtime.index.chunks.length} chunks, ` +
        `index ${runtime.index.built ? "built" : "loaded from cache"}, store ${config.DATABASE_URL ? "postgres" : "pglite"}, composer ${config.COMPOSER}, ` +
        `widget.js ${(bundles.widget.gzipBytes / 1024).toFixed(1)} KB gzipped, ready in ${ms} ms)`,
    );
  });
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight requests and flushing the audit log`);
    server.close(() => {
      tasks.stop().then(() => runtime.close()).then(() => process.exit(0), (err) => {
        console.error(err);
        process.exit(1);
      });
    });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof StoreLockedError ? err.message : err);
  process.exit(1);
});
