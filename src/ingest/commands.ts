/**
 * The staff's corpus tools, behind `npm run corpus -- <command>` (entry: cli.ts).
 *   ingest <file|dir|url>…  official HTML, PDF or Markdown → drafts under corpus/drafts/<lang>/
 *   check                   validate the corpus, print its coverage table, exit 1 on any error
 *   changelog               show the recorded versions; with --summary, record the current one
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, DomainListSchema, parseCorpusConfig } from "../config/env.js";
import { LangSchema } from "../contract/envelope.js";
import { ChangelogError, readChangelog, readVersionHistory, recordVersion, writeChangelog } from "./changelog.js";
import { formatReport, runCheck, DRAFTS_DIR } from "./check-run.js";
import { coverageTable } from "./coverage.js";
import { ingest, IngestFailed } from "./ingest.js";
import { CorpusError, loadCorpus } from "./load.js";
import { todayInQuebec } from "./today.js";
import { corpusVersion } from "./version.js";
import { ExistingFilesError } from "./write-atomic.js";

export const USAGE = `Usage: npm run corpus -- <command> [options]

Commands:
  ingest <file|dir|url>...  Turn official HTML, PDF or Markdown into draft documents under
                            <corpus>/drafts/<lang>/<slug>.md (never served until reviewed).
      --out <dir>           drafts directory (default: <corpus>/drafts)
      --source-url <url>    the official address a saved file came from, when it declares none
      --allow <domain>      also accept this domain for this run (repeatable)
      --slug <slug>         file name (English kebab-case) instead of one taken from the URL or title
      --lang fr|en          language, when the source does not declare it and detection is wrong
      --scope <scope>       provincial | municipal | school | all (default: guessed, else provincial)
      --force               replace drafts that already exist
      --timeout-ms <n>      deadline for fetching a URL (default 15000)
  check                     Validate every document, print the coverage table by topic and
                            language; exit 1 on any error.
      --max-age-days <n>    warn when verified_at is older than this (default 365)
      --table               print only the coverage table (Markdown)
  changelog                 Show the recorded corpus versions.
      --summary "<text>"    record the current corpus as a new version, with what changed
      --date YYYY-MM-DD     the entry's date (default: today in Québec)

Options for every command:
  --corpus <dir>            the corpus directory (default: CORPUS_DIR, else ./corpus)
  -h, --help                this help

Sources must come from an allowlisted official domain: CORPUS_ALLOWED_DOMAINS (comma-separated)
replaces the default list (electionsquebec.qc.ca, elections.quebec, legisquebec.gouv.qc.ca).`;

class UsageError extends Error {}

const OPTIONS = {
  corpus: { type: "string" },
  out: { type: "string" },
  "source-url": { type: "string" },
  allow: { type: "string", multiple: true },
  slug: { type: "string" },
  lang: { type: "string" },
  scope: { type: "string" },
  force: { type: "boolean" },
  "timeout-ms": { type: "string" },
  "max-age-days": { type: "string" },
  table: { type: "boolean" },
  summary: { type: "string" },
  date: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface Io {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: Date;
  fetch?: typeof fetch;
}

/** Runs one command; returns the process exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof IngestFailed) {
      io.err(`Nothing was written. ${err.errors.length} source(s) failed:\n${err.errors.map((e) => `  ✗ ${e.message}`).join("\n")}`);
      return 1;
    }
    if (err instanceof ConfigError || err instanceof ChangelogError || err instanceof CorpusError || err instanceof ExistingFilesError) {
      io.err(err instanceof ExistingFilesError ? `Nothing was written: ${err.message}` : err.message);
      return 1;
    }
    throw err;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === "help") {
    io.out(USAGE);
    return 0;
  }
  const config = parseCorpusConfig(io.env);
  const corpusDir = values.corpus ?? config.CORPUS_DIR;
  const today = todayInQuebec(io.now);
  switch (command) {
    case "ingest": {
      if (args.length === 0) throw new UsageError("ingest needs at least one file, directory or URL");
      const allow = DomainListSchema.safeParse((values.allow ?? []).join(","));
      if (!allow.success) throw new UsageError(`--allow ${allow.error.issues[0]!.message}`);
      const lang = values.lang === undefined ? undefined : LangSchema.safeParse(values.lang);
      if (lang && !lang.success) throw new UsageError("--lang must be fr or en");
      const scope = values.scope;
      if (scope !== undefined && !(scope === "provincial" || scope === "municipal" || scope === "school" || scope === "all")) {
        throw new UsageError("--scope must be provincial, municipal, school or all");
      }
      const { written } = await ingest({
        inputs: args,
        outDir: values.out ?? path.join(corpusDir, DRAFTS_DIR),
        domains: [...config.CORPUS_ALLOWED_DOMAINS, ...(values.allow?.length ? allow.data : [])],
        today,
        timeoutMs: positiveInt(values["timeout-ms"], "--timeout-ms", 15_000),
        force: values.force,
        sourceUrl: values["source-url"],
        slug: values.slug,
        lang: lang?.data,
        scope,
        fetch: io.fetch,
      });
      io.out(`Wrote ${written.length} draft(s) for review:\n${written.map((w) => `  ${w}`).join("\n")}`);
      io.out("Next: rewrite each in our own words, fill verified_at and topics, delete the draft block, move it to corpus/<lang>/, then run `npm run corpus -- check`.");
      return 0;
    }
    case "check": {
      if (args.length > 0) throw new UsageError(`check takes no arguments (got ${args.join(" ")})`);
      const report = await runCheck(corpusDir, { domains: config.CORPUS_ALLOWED_DOMAINS, today, maxAgeDays: positiveInt(values["max-age-days"], "--max-age-days", 365) });
      io.out(values.table ? coverageTable(report.coverage) : formatReport(report, corpusDir));
      return report.issues.some((i) => i.level === "error") ? 1 : 0;
    }
    case "changelog": {
      if (args.length > 0) throw new UsageError(`changelog takes no arguments (got ${args.join(" ")}); quote the summary: --summary "…"`);
      const [changelog, history] = await Promise.all([readChangelog(corpusDir), readVersionHistory(corpusDir)]);
      const docs = await loadCorpus(corpusDir, config.CORPUS_ALLOWED_DOMAINS);
      if (values.summary === undefined) {
        const current = corpusVersion(docs);
        const recorded = changelog.some((e) => e.version === current);
        io.out(`Current corpus version: ${current} (${recorded ? "recorded" : `NOT recorded: npm run corpus -- changelog --summary "…"`})`);
        for (const e of changelog) io.out(formatEntry(e));
        return 0;
      }
      const date = values.date ?? today;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UsageError("--date must be YYYY-MM-DD");
      const result = recordVersion({ docs, changelog, history, summary: values.summary, date });
      await writeChangelog(corpusDir, result.changelog, result.history);
      io.out(`Recorded ${formatEntry(result.entry)}`);
      return 0;
    }
    case undefined:
      throw new UsageError("no command given");
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function formatEntry(e: { version: string; date: string; summary: string; added: string[]; changed: string[]; removed: string[] }): string {
  const list = (label: string, ids: string[]) => (ids.length > 0 ? `\n    ${label} (${ids.length}): ${ids.join(", ")}` : "");
  return `${e.version}  ${e.date}  ${e.summary}${list("added", e.added)}${list("changed", e.changed)}${list("removed", e.removed)}`;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number`);
  return n;
}
