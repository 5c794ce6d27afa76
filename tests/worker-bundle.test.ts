import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/wrangler.js";

const run = promisify(execFile);
const FREE_PLAN_GZIP_LIMIT = 3 * 1024 * 1024;

/**
 * The Worker as `wrangler deploy` would upload it (--dry-run: bundled offline, not sent):
 * within the free plan's size limit, and free of what cannot run on Workers.
 */
describe("the Cloudflare Worker bundle", () => {
  let out: string;
  let inputs: string[];
  let files: string[];

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "scrutin-bundle-"));
    await run(process.execPath, [path.join(ROOT, "node_modules/wrangler/wrangler-dist/cli.js"), "deploy", "--dry-run", "--outdir", out, "--metafile", path.join(out, "meta.json")], {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "1" },
      timeout: 120_000,
    });
    const meta = JSON.parse(await readFile(path.join(out, "meta.json"), "utf8")) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    inputs = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    files = (await readdir(out)).filter((f) => f.endsWith(".js") || f.endsWith(".bin"));
  });
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("fits the free plan's 3 MiB (gzipped) with the index artifact inside", async () => {
    expect(files.some((f) => f.endsWith("vectors.bin"))).toBe(true);
    expect(inputs.some((i) => i.endsWith("worker-index/manifest.json"))).toBe(true);
    let gz = 0;
    for (const f of files) gz += gzipSync(await readFile(path.join(out, f))).byteLength;
    console.log(`Worker upload: ${files.join(", ")}: ${(gz / 1024).toFixed(0)} KiB gzipped`);
    expect(gz).toBeLessThan(FREE_PLAN_GZIP_LIMIT);
  });

  it("carries no native addon, no PGlite, no esbuild and no Node-only composition root", () => {
    for (const banned of ["hnswlib-node", "@electric-sql/pglite", "node_modules/esbuild", "src/deps.ts", "src/server.ts", "@hono/node-server"]) {
      expect(inputs.filter((i) => i.includes(banned)), banned).toEqual([]);
    }
  });
});
