/**
 * `npm run build:worker-index [-- --out dir]`: writes the portable index artifact the
 * Cloudflare Worker bundles (manifest.json + vectors.bin, default dist/worker-index/),
 * from CORPUS_DIR with the configured embedder.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../src/config/env.js";
import { makeEmbeddings } from "../src/deps.js";
import { exportPortableIndex } from "../src/ingest/export-index.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string", default: "dist/worker-index" } } });
  const config = parseConfig(process.env);
  const { embeddings, id } = makeEmbeddings(config);
  const t0 = performance.now();
  const { manifest, vectors } = await exportPortableIndex({ corpusDir: config.CORPUS_DIR, embeddings, embedderId: id, domains: config.CORPUS_ALLOWED_DOMAINS });
  const out = path.resolve(values.out!);
  await mkdir(out, { recursive: true });
  const json = JSON.stringify(manifest);
  // Vectors first, manifest last, each by rename from a private temporary name: a reader (or
  // a concurrent build, e.g. two wrangler runs) never sees a half-written file.
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  await writeFile(path.join(out, `vectors.bin${tmp}`), vectors);
  await rename(path.join(out, `vectors.bin${tmp}`), path.join(out, "vectors.bin"));
  await writeFile(path.join(out, `manifest.json${tmp}`), json);
  await rename(path.join(out, `manifest.json${tmp}`), path.join(out, "manifest.json"));
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `worker index ${manifest.corpusVersion} (${manifest.embedder}, ${manifest.chunks.length} chunks × ${manifest.dimensions} d): ` +
      `manifest.json ${kb(Buffer.byteLength(json))}, vectors.bin ${kb(vectors.byteLength)} → ${path.relative(process.cwd(), out) || "."} in ${Math.round(performance.now() - t0)} ms`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exitCode = 1;
  },
);
