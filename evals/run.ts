/**
 * The eval suite: every dataset in evals/datasets through the pipeline (in this process, or
 * a running deployment with --url), each turn read back from the audit log and scored, the
 * verdict against evals/thresholds.json. Exit 0: every gated threshold met; 1: one missed;
 * 2: usage or operational error.
 *
 *   npm run eval [-- --only answerable-voting,redteam] [--url http://host:8787 --token-file t.txt]
 *                [--ci] [--strict] [--out evals/reports] [--no-history] [--thresholds file] [--datasets dir]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../src/config/env.js";
import { DATASETS_DIR, readDatasets, type Dataset } from "./cases.js";
import { lexicalJudge, type SupportJudge } from "./suite/checks.js";
import type { Collected } from "./suite/evidence.js";
import { collectHttp } from "./suite/http.js";
import { collectInProcess, type InProcessOptions } from "./suite/in-process.js";
import { llmJudge } from "./suite/judge.js";
import { scoreRun, type SuiteResult } from "./suite/score.js";
import { readThresholds, THRESHOLDS_FILE } from "./suite/thresholds.js";
import { consoleSummary } from "./render/console.js";
import { appendHistory, HISTORY_FILE, historyEntry, readHistory } from "./render/history.js";
import { htmlReport } from "./render/html.js";
import { junitXml } from "./render/junit.js";

export const REPORTS_DIR = path.resolve(import.meta.dirname, "reports");

export interface SuiteOptions {
  datasets: Dataset[];
  thresholdsFile?: string;
  judge?: SupportJudge;
  /** Ignore the waivers of the thresholds file: the verdict against the targets alone. */
  strict?: boolean;
  /** In-process (default) or a running deployment. */
  target: { kind: "in-process"; options: InProcessOptions } | { kind: "http"; url: string; token: string; officialDomains: string[] };
  onProgress?: (done: number, total: number) => void;
}

/** Collects and scores: what the CLI and the tests both run. */
export async function runSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const startedAt = new Date().toISOString();
  const thresholds = await readThresholds(opts.thresholdsFile ?? THRESHOLDS_FILE);
  const progress = opts.onProgress ? { onProgress: opts.onProgress } : {};
  const collected: Collected =
    opts.target.kind === "http"
      ? await collectHttp(opts.datasets, { url: opts.target.url, token: opts.target.token, officialDomains: opts.target.officialDomains, ...progress })
      : await collectInProcess(opts.datasets, { ...opts.target.options, ...progress });
  return scoreRun(collected, thresholds, opts.judge ?? lexicalJudge(), startedAt, { strict: opts.strict ?? false });
}

/** Writes report.json, junit.xml and report.html into `dir`; returns their paths. */
export async function writeReports(result: SuiteResult, dir: string, history: readonly ReturnType<typeof historyEntry>[]): Promise<{ json: string; junit: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const files = { json: path.join(dir, "report.json"), junit: path.join(dir, "junit.xml"), html: path.join(dir, "report.html") };
  await writeFile(files.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(files.junit, junitXml(result));
  await writeFile(files.html, htmlReport(result, history));
  return files;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      token: { type: "string" },
      "token-file": { type: "string" },
      only: { type: "string" },
      datasets: { type: "string", default: DATASETS_DIR },
      corpus: { type: "string" },
      thresholds: { type: "string", default: THRESHOLDS_FILE },
      out: { type: "string", default: REPORTS_DIR },
      history: { type: "string", default: HISTORY_FILE },
      "no-history": { type: "boolean", default: false },
      ci: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
    },
  });
  const config = parseConfig(process.env);
  let datasets = await readDatasets(values.datasets);
  if (values.only) {
    const want = values.only.split(",").map((s) => s.trim());
    const unknown = want.filter((w) => !datasets.some((d) => d.name === w));
    if (unknown.length) throw new UsageError(`unknown dataset(s): ${unknown.join(", ")} (have ${datasets.map((d) => d.name).join(", ")})`);
    datasets = datasets.filter((d) => want.includes(d.name));
  }
  let target: SuiteOptions["target"];
  if (values.url) {
    const token = values.token ?? (values["token-file"] ? (await readFile(values["token-file"], "utf8")).trim() : undefined);
    if (!token) throw new UsageError("--url needs an auditor token: --token-file <file> (or --token); create one with npm run audit -- token create --role auditor");
    target = { kind: "http", url: values.url, token, officialDomains: config.CORPUS_ALLOWED_DOMAINS };
  } else {
    target = { kind: "in-process", options: { corpusDir: path.resolve(values.corpus ?? config.CORPUS_DIR) } };
  }
  const judge = config.EVAL_JUDGE_BASE_URL ? llmJudge({ baseURL: config.EVAL_JUDGE_BASE_URL, apiKey: config.EVAL_JUDGE_API_KEY, model: config.EVAL_JUDGE_MODEL }) : lexicalJudge();
  const total = datasets.reduce((n, d) => n + d.cases.length, 0);
  const tty = process.stderr.isTTY && !values.ci;
  const result = await runSuite({
    datasets,
    thresholdsFile: values.thresholds,
    judge,
    target,
    strict: values.strict,
    onProgress: (done) => {
      if (tty) process.stderr.write(`\r${done}/${total} cases`);
    },
  });
  if (tty) process.stderr.write("\n");
  // CI runs do not append to the kept history (the checkout stays clean); staff runs do.
  const keep = !values.ci && !values["no-history"];
  const entry = historyEntry(result);
  if (keep) await appendHistory(entry, values.history);
  const history = keep ? await readHistory(values.history) : [...(await readHistory(values.history)), entry];
  const files = await writeReports(result, values.out, history);
  console.log(consoleSummary(result));
  console.log(`\nReports: ${[files.html, files.json, files.junit].map((f) => path.relative(process.cwd(), f)).join(", ")}${keep ? `; history: ${path.relative(process.cwd(), values.history)}` : ""}`);
  return result.pass ? 0 : 1;
}

class UsageError extends Error {}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`eval: ${err instanceof ConfigError || err instanceof UsageError || err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    },
  );
}
