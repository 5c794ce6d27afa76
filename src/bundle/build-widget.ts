import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { StaticScript, WidgetBundles } from "../serve/widget.js";

/** The widget's size budget, gzipped: it loads on every page of a party's site. */
export const WIDGET_GZIP_BUDGET_BYTES = 30 * 1024;

const ENTRIES = {
  widget: path.resolve(import.meta.dirname, "../widget/main.ts"),
  verify: path.resolve(import.meta.dirname, "../widget/verify-page.ts"),
} as const;

export class BundleTooLargeError extends Error {
  override readonly name = "BundleTooLargeError";
}

function asset(code: string): StaticScript {
  const gzip = gzipSync(code, { level: 9 });
  return {
    code,
    gzip: new Uint8Array(gzip),
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 27)}"`,
    rawBytes: Buffer.byteLength(code),
    gzipBytes: gzip.length,
  };
}

/**
 * Bundles the browser code (src/widget) into two minified IIFEs with esbuild: widget.js,
 * the embed, and verify.js, the /verify page's script. In memory; throws if the widget
 * exceeds its gzipped budget. The Node server calls this at start; other runtimes
 * (Workers) run `npm run build:widget` and serve the files it writes to dist/.
 */
export async function buildWidgetBundles(): Promise<WidgetBundles> {
  const out = await build({
    entryPoints: ENTRIES,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    charset: "utf8",
    legalComments: "none",
    write: false,
    outdir: "dist",
    logLevel: "silent",
  });
  const code = (name: string) => {
    const file = out.outputFiles.find((f) => path.basename(f.path) === `${name}.js`);
    if (!file) throw new Error(`esbuild produced no ${name}.js`);
    return file.text;
  };
  const bundles = { widget: asset(code("widget")), verify: asset(code("verify")) };
  if (bundles.widget.gzipBytes > WIDGET_GZIP_BUDGET_BYTES) {
    throw new BundleTooLargeError(`widget.js is ${bundles.widget.gzipBytes} bytes gzipped, over its ${WIDGET_GZIP_BUDGET_BYTES}-byte budget`);
  }
  return bundles;
}

/** Writes dist/widget.js and dist/verify.js (and their .gz) for static hosting. */
export async function writeWidgetBundles(dir: string, bundles: WidgetBundles): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, b] of Object.entries(bundles)) {
    await writeFile(path.join(dir, `${name}.js`), b.code);
    await writeFile(path.join(dir, `${name}.js.gz`), b.gzip);
  }
}
