import path from "node:path";
import { buildWidgetBundles, WIDGET_GZIP_BUDGET_BYTES, writeWidgetBundles } from "../src/bundle/build-widget.js";

/** `npm run build:widget`: writes dist/widget.js and dist/verify.js and prints their sizes. */
try {
  const bundles = await buildWidgetBundles();
  const dir = path.resolve(import.meta.dirname, "../dist");
  await writeWidgetBundles(dir, bundles);
  for (const [name, b] of Object.entries(bundles)) {
    console.log(`dist/${name}.js  ${(b.rawBytes / 1024).toFixed(1)} KB raw, ${(b.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  }
  console.log(`widget budget: ${(WIDGET_GZIP_BUDGET_BYTES / 1024).toFixed(0)} KB gzipped`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
