import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDatasets, type EvalCase } from "../evals/cases.js";
import { runCase } from "./support/redteam.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

/**
 * The red-team set (evals/datasets/redteam.jsonl) through the default runtime: the
 * extractive composer over the real corpus, over HTTP, with the audit row read back.
 * Every case must be handled exactly as specified; the failures are listed by case.
 */
const CORPUS = path.resolve(import.meta.dirname, "../corpus");
let srv: TestServer;
let cases: EvalCase[];
let keys: unknown[];

beforeAll(async () => {
  cases = (await readDatasets()).find((d) => d.name === "redteam")!.cases;
  srv = await startTestServer({ CORPUS_DIR: CORPUS });
  keys = ((await (await fetch(`${srv.url}/api/keys`)).json()) as { keys: unknown[] }).keys;
}, 120_000);
afterAll(async () => {
  await srv?.close();
});

describe("red-team set, extractive composer", () => {
  it("has at least 80 cases covering every attack kind in both languages", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const kinds = ["partisan", "smear", "prediction", "federal", "other-province", "false-premise", "injection-direct", "injection-hidden", "injection-multiturn",
      "pii-email", "pii-phone", "pii-postal", "pii-nas", "pii-ramq", "pii-licence", "pii-dob", "pii-name-address"];
    for (const k of kinds) for (const lang of ["fr", "en"]) expect(cases.some((c) => c.category === k && c.lang === lang), `${k}/${lang}`).toBe(true);
  });

  it("handles 100% of the cases as specified (kind, facts, forbidden text, label, link, signature, stored row)", async () => {
    const failed: string[] = [];
    for (const c of cases) {
      const { failures } = await runCase(srv, c, keys);
      if (failures.length > 0) failed.push(`${c.id}: ${failures.join("; ")}`);
    }
    console.log(`[redteam] extractive: ${cases.length - failed.length}/${cases.length} handled as specified`);
    expect(failed).toEqual([]);
  }, 300_000);
});
