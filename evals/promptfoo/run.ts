/**
 * The promptfoo cross-check: runs promptfooconfig.yaml (promptfoo's own runner and
 * assertions, black-box over HTTP) and the suite (--url mode) against the same deployment,
 * then compares their verdicts case by case. Exit 0 when they agree, 1 when they disagree,
 * 2 on a usage or operational error.
 *
 *   npm run eval:promptfoo [-- --only conversations,unanswerable] [--url http://host:8787 --token-file t]
 *                          [--promptfoo path/to/promptfoo] [--out evals/reports/promptfoo]
 *
 * Without --url it serves the current checkout on an ephemeral port (in-memory audit log) and
 * creates an auditor token for the run. promptfoo is not a dependency: unless --promptfoo
 * names a binary, a pinned version is installed once into evals/.tools (gitignored) by npm.
 */
import { spawn } from "node:child_process";
import { access, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { openPglite } from "../../src/adapters/pglite.js";
import { createToken } from "../../src/audit/tokens.js";
import { parseConfig } from "../../src/config/env.js";
import { makeRuntime } from "../../src/deps.js";
import { createApp } from "../../src/serve/app.js";
import { DATASETS_DIR, readDatasets } from "../cases.js";
import { runSuite } from "../run.js";
import type { SuiteResult } from "../suite/score.js";

export const PROMPTFOO_VERSION = "0.123.1";
/** The libsql binding promptfoo 0.123.1's libsql expects (node_modules/libsql/package.json). */
const LIBSQL_VERSION = "0.5.29";
const HERE = import.meta.dirname;
const TOOLS = path.resolve(HERE, "../.tools");

/** The per-case checks both runners make, by promptfoo metric name. */
const SHARED: Record<string, (c: SuiteResult["cases"][number]) => boolean> = {
  label: (c) => c.turns.every((t) => t.verdicts.label.pass),
  officialLink: (c) => c.turns.every((t) => t.verdicts.officialLink.pass),
  citations: (c) => c.turns.every((t) => t.verdicts.citationValidity.pass && t.verdicts.quoteFidelity.pass),
  logMatchesResponse: (c) => c.turns.every((t) => t.verdicts.logIntegrity.pass && t.verdicts.signature.pass),
  expectedKind: (c) => c.kind.pass,
};

interface PromptfooRow {
  vars: { id: string; dataset: string };
  success: boolean;
  gradingResult?: { componentResults?: { pass: boolean; reason: string; assertion?: { metric?: string } }[] };
  error?: string;
}

export async function ensurePromptfoo(explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const bin = path.join(TOOLS, "node_modules/.bin/promptfoo");
  try {
    await access(bin);
    return bin;
  } catch {
    console.error(`Installing promptfoo ${PROMPTFOO_VERSION} into ${path.relative(process.cwd(), TOOLS)} (once; about a minute, 300 MB)…`);
    await mkdir(TOOLS, { recursive: true });
    // Optional dependencies are the provider SDKs (1.4 GB with them); the one optional
    // package promptfoo cannot start without is its SQLite binding, named explicitly.
    const sqlite = process.platform === "linux" && process.arch === "x64" ? [`@libsql/linux-x64-gnu@${LIBSQL_VERSION}`] : null;
    const args = ["install", "--prefix", TOOLS, `promptfoo@${PROMPTFOO_VERSION}`, ...(sqlite ?? []), ...(sqlite ? ["--omit=optional"] : []), "--no-audit", "--no-fund"];
    const code = await exec("npm", args, {});
    if (code !== 0) throw new Error(`npm ${args.join(" ")} exited ${code}`);
    return bin;
  }
}

function exec(cmd: string, args: string[], env: Record<string, string>, quiet = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: quiet ? "ignore" : "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** The offline settings (shared/EVALS.md): no telemetry, update check, sharing or remote generation; state kept in `dir`. */
export function offlineEnv(dir: string): Record<string, string> {
  return {
    PROMPTFOO_DISABLE_TELEMETRY: "1",
    PROMPTFOO_DISABLE_UPDATE: "1",
    PROMPTFOO_DISABLE_SHARING: "1",
    PROMPTFOO_DISABLE_REMOTE_GENERATION: "1",
    PROMPTFOO_CONFIG_DIR: path.join(dir, ".promptfoo"),
    PROMPTFOO_CACHE_PATH: path.join(dir, ".promptfoo/cache"),
  };
}

export interface CrossCheck {
  promptfooExit: number;
  promptfoo: { cases: number; passed: number };
  suite: { cases: number; passed: number };
  disagreements: { id: string; metric: string; promptfoo: boolean; suite: boolean; reason: string }[];
}

/** Runs both against one deployment and compares their per-case verdicts. */
export async function crossCheck(opts: { url: string; token: string; only?: string[]; bin: string; out: string; quiet?: boolean }): Promise<CrossCheck> {
  await mkdir(opts.out, { recursive: true });
  const json = path.join(opts.out, "promptfoo.json");
  const env = { ...offlineEnv(opts.out), SCRUTIN_EVAL_URL: opts.url, SCRUTIN_EVAL_TOKEN: opts.token, SCRUTIN_EVAL_ONLY: (opts.only ?? []).join(",") };
  const args = ["eval", "-c", path.join(HERE, "promptfooconfig.yaml"), "--no-cache", "--no-progress-bar", "--no-table", "-j", "4", "-o", json, "-o", path.join(opts.out, "promptfoo.junit.xml"), "-o", path.join(opts.out, "promptfoo.html")];
  const promptfooExit = await exec(opts.bin, args, env, opts.quiet);
  // promptfoo exits 100 when a test fails: expected wherever the suite fails too.
  if (promptfooExit !== 0 && promptfooExit !== 100) throw new Error(`promptfoo exited ${promptfooExit}`);
  const rows = (JSON.parse(await readFile(json, "utf8")) as { results: { results: PromptfooRow[] } }).results.results;
  let datasets = await readDatasets(DATASETS_DIR);
  if (opts.only?.length) datasets = datasets.filter((d) => opts.only!.includes(d.name));
  const domains = parseConfig(process.env).CORPUS_ALLOWED_DOMAINS;
  const suite = await runSuite({ datasets, target: { kind: "http", url: opts.url, token: opts.token, officialDomains: domains } });
  const disagreements: CrossCheck["disagreements"] = [];
  for (const c of suite.cases) {
    const row = rows.find((r) => r.vars.id === c.id);
    if (!row) {
      disagreements.push({ id: c.id, metric: "(case)", promptfoo: false, suite: c.pass, reason: "promptfoo has no result for this case" });
      continue;
    }
    for (const [metric, ours] of Object.entries(SHARED)) {
      const theirs = row.gradingResult?.componentResults?.find((r) => r.assertion?.metric === metric);
      const p = theirs ? theirs.pass : false;
      if (p !== ours(c)) disagreements.push({ id: c.id, metric, promptfoo: p, suite: ours(c), reason: theirs?.reason ?? row.error ?? "no result" });
    }
  }
  return {
    promptfooExit,
    promptfoo: { cases: rows.length, passed: rows.filter((r) => r.success).length },
    suite: { cases: suite.cases.length, passed: suite.cases.filter((c) => c.pass).length },
    disagreements,
  };
}

/** The current checkout served on an ephemeral port, with an auditor token. */
export async function serveCheckout(): Promise<{ url: string; token: string; close: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-promptfoo-"));
  const config = parseConfig({ ...process.env, DATA_DIR: dataDir, PORT: "0", DATABASE_URL: undefined });
  const runtime = await makeRuntime(config, { db: await openPglite() });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: createApp(runtime.deps).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const token = (await createToken(runtime.deps.log.db, { name: "promptfoo cross-check", role: "auditor" })).token;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      "token-file": { type: "string" },
      only: { type: "string" },
      promptfoo: { type: "string" },
      out: { type: "string", default: path.resolve(HERE, "../reports/promptfoo") },
    },
  });
  const bin = await ensurePromptfoo(values.promptfoo);
  const only = values.only?.split(",").map((s) => s.trim()).filter(Boolean);
  let target: { url: string; token: string; close: () => Promise<void> };
  if (values.url) {
    if (!values["token-file"]) throw new Error("--url needs --token-file <file> with an auditor token");
    target = { url: values.url, token: (await readFile(values["token-file"], "utf8")).trim(), close: async () => {} };
  } else target = await serveCheckout();
  try {
    const started = performance.now();
    const r = await crossCheck({ url: target.url, token: target.token, bin, out: values.out, ...(only ? { only } : {}) });
    console.log(`\npromptfoo ${PROMPTFOO_VERSION}: ${r.promptfoo.passed}/${r.promptfoo.cases} cases passed (exit ${r.promptfooExit}); suite: ${r.suite.passed}/${r.suite.cases} cases passed; ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const d of r.disagreements) console.log(`  DISAGREE ${d.id} ${d.metric}: promptfoo ${d.promptfoo ? "pass" : "fail"}, suite ${d.suite ? "pass" : "fail"} — ${d.reason.slice(0, 200)}`);
    console.log(r.disagreements.length ? `${r.disagreements.length} disagreement(s): one of the two scorers is wrong, or the log diverges from what voters saw.` : "The two runners agree on every case and shared check.");
    console.log(`Reports: ${path.relative(process.cwd(), values.out)}/promptfoo.{json,junit.xml,html}`);
    return r.disagreements.length ? 1 : 0;
  } finally {
    await target.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`eval:promptfoo: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    },
  );
}
