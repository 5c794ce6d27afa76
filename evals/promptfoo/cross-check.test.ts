/**
 * promptfoo, an established open-source eval runner, runs the same cases against the real
 * HTTP API with its own assertions (no project code), and must agree with the suite case by
 * case. promptfoo is not a dependency: this runs when `npm run eval:promptfoo` has installed
 * it into evals/.tools, and says it was skipped otherwise.
 */
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossCheck, serveCheckout } from "./run.js";

const BIN = path.resolve(import.meta.dirname, "../.tools/node_modules/.bin/promptfoo");
const installed = await access(BIN).then(() => true, () => false);
if (!installed) console.warn("[skipped] promptfoo cross-check: run `npm run eval:promptfoo` once to install promptfoo into evals/.tools");

describe.skipIf(!installed)("promptfoo cross-check", () => {
  let target: Awaited<ReturnType<typeof serveCheckout>>;
  let out: string;
  beforeAll(async () => {
    target = await serveCheckout();
    out = await mkdtemp(path.join(tmpdir(), "scrutin-promptfoo-test-"));
  });
  afterAll(async () => {
    await target?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("runs offline against the HTTP API and agrees with the suite on every case", async () => {
    const r = await crossCheck({ url: target.url, token: target.token, only: ["conversations", "unanswerable"], bin: BIN, out, quiet: true });
    expect(r.promptfoo.cases).toBe(r.suite.cases);
    expect(r.promptfoo.cases).toBeGreaterThanOrEqual(50);
    expect(r.disagreements).toEqual([]);
    // Both see the same failures (the product's known shortfalls), not just the same passes.
    expect(r.promptfoo.passed).toBe(r.suite.passed);
  }, 180_000);
});
