import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openPglite } from "../../src/adapters/pglite.js";
import { parseConfig } from "../../src/config/env.js";
import { makeRuntime, type Runtime } from "../../src/deps.js";
import { createApp } from "../../src/serve/app.js";

export const FIXTURE_CORPUS = path.resolve(import.meta.dirname, "../fixtures/corpus");

export interface TestServer {
  runtime: Runtime;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real service on an ephemeral port: fixture corpus, in-memory PGlite (unless
 * DATABASE_URL-style env is passed, or `disk` asks for PGlite files in DATA_DIR/audit as
 * in production), a fresh data directory. Env entries override.
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { disk?: boolean } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-test-"));
  const config = parseConfig({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, PORT: "0", ...env });
  const runtime = await makeRuntime(config, config.DATABASE_URL || opts.disk ? {} : { db: await openPglite() });
  const app = createApp(runtime.deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    runtime,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads an SSE response into its events. */
export async function readSse(res: Response): Promise<{ event: string; data: string }[]> {
  const text = await res.text();
  return text
    .split(/\n\n/)
    .filter((b) => b.trim().length > 0)
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim() ?? "message";
      const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
      return { event, data };
    });
}
