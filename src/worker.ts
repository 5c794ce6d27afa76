/**
 * Cloudflare Workers entry (wrangler.toml `main`). The index artifact is bundled from
 * dist/worker-index (npm run build:worker-index, run by wrangler's build step) through
 * the alias and Data rule declared in wrangler.toml.
 */
import manifest from "scrutin:worker-index/manifest";
import vectors from "../dist/worker-index/vectors.bin";
import { workerHandler } from "./runtime/workers.js";

export default workerHandler({ manifest, vectors });
