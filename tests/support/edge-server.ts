import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { openPglite } from "../../src/adapters/pglite.js";
import { parseConfig } from "../../src/config/env.js";
import { makeRuntime, type Runtime } from "../../src/deps.js";
import { makeLogger } from "../../src/runtime/logger.js";
import { nodeEdge } from "../../src/runtime/node-edge.js";
import type { Metrics } from "../../src/runtime/metrics.js";
import { createApp } from "../../src/serve/app.js";
import { FIXTURE_CORPUS } from "./runtime.js";

export interface EdgeServer {
  runtime: Runtime;
  metrics: Metrics;
  url: string;
  /** Every structured log line the server wrote, parsed. */
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The service wired as src/server.ts wires one Node process (rate limits, CORS, deadline,
 * pino logs, metrics), on an ephemeral port, over in-memory PGlite unless DATABASE_URL is set.
 */
export async function startEdgeServer(env: Record<string, string> = {}): Promise<EdgeServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-edge-"));
  // Fixed windows are aligned to the clock: an hour-long window keeps a test's few requests
  // in one window (a minute-long one made "the second request is limited" flaky at :00).
  const config = parseConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, PORT: "0", RATE_LIMIT_WINDOW_SECONDS: "3600", ...env });
  const runtime = await makeRuntime(config, config.DATABASE_URL ? {} : { db: await openPglite() });
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = makeLogger(config, sink);
  const { edge, metrics } = await nodeEdge(runtime, config, logger);
  const app = createApp({ ...runtime.deps, edge });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    runtime,
    metrics,
    url: `http://127.0.0.1:${port}`,
    logLines,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
