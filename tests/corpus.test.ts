import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCorpusConfig } from "../src/config/env.js";
import { formatReport, runCheck } from "../src/ingest/check-run.js";
import { todayInQuebec } from "../src/ingest/today.js";

/**
 * CI's corpus gate: the same check as `npm run corpus -- check`, on the real ./corpus, so a
 * document that breaks the contract, a missing translation or topic, or a corpus edit not
 * recorded in the changelog fails `npm test`. Run in-process rather than as a second npm
 * script so it costs no extra start-up and its failure shows the check's own report.
 */
const CORPUS = path.resolve(import.meta.dirname, "../corpus");

async function documentCount(): Promise<number> {
  let n = 0;
  for (const lang of ["fr", "en"]) n += (await readdir(path.join(CORPUS, lang)).catch(() => [])).filter((f) => f.endsWith(".md")).length;
  return n;
}

const hasDocuments = (await documentCount()) > 0;
if (!hasDocuments) console.log("[skipped] corpus check: corpus/ has no documents yet (the real corpus has not landed)");

describe("the real corpus", () => {
  it.skipIf(!hasDocuments)("passes `corpus check`: valid documents, both languages, every CONTEXT.md topic, version in the changelog", async () => {
    const config = parseCorpusConfig({});
    const report = await runCheck(CORPUS, { domains: config.CORPUS_ALLOWED_DOMAINS, today: todayInQuebec(), maxAgeDays: 365 });
    const errors = report.issues.filter((i) => i.level === "error");
    expect(errors, formatReport(report, "corpus")).toEqual([]);
  });
});
