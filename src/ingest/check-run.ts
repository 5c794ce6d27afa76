import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { readChangelog, readVersionHistory } from "./changelog.js";
import { checkCorpus, type CheckReport } from "./check.js";
import { coverageTable } from "./coverage.js";

export const DRAFTS_DIR = "drafts";

/** Reads what `checkCorpus` needs from a corpus directory (the only I/O of the check). */
export async function runCheck(corpusDir: string, opts: { domains: readonly string[]; today: string; maxAgeDays: number }): Promise<CheckReport> {
  const files: { path: string; text: string }[] = [];
  for (const lang of ["fr", "en"]) {
    for (const name of await markdownFiles(path.join(corpusDir, lang))) {
      const file = path.join(corpusDir, lang, name);
      files.push({ path: file, text: await readFile(file, "utf8") });
    }
  }
  const drafts: string[] = [];
  for (const sub of await subdirs(path.join(corpusDir, DRAFTS_DIR))) {
    drafts.push(...(await markdownFiles(path.join(corpusDir, DRAFTS_DIR, sub))).map((n) => path.join(corpusDir, DRAFTS_DIR, sub, n)));
  }
  const [changelog, history] = await Promise.all([
    readChangelog(corpusDir).catch((err: unknown) => asError(err)),
    readVersionHistory(corpusDir).catch((err: unknown) => asError(err)),
  ]);
  return checkCorpus({ files, drafts, changelog, history, ...opts });
}

/** The report as staff read it: coverage table, then each issue, then a summary line. */
export function formatReport(report: CheckReport, corpusDir: string): string {
  const errors = report.issues.filter((i) => i.level === "error");
  const warnings = report.issues.filter((i) => i.level === "warning");
  const lines = [
    `Corpus ${corpusDir}: ${report.documents} documents, version ${report.version ?? "(not computed: fix the errors first)"}`,
    "",
    coverageTable(report.coverage),
    "",
    ...errors.map((i) => `error    ${i.where}: ${i.message}`),
    ...warnings.map((i) => `warning  ${i.where}: ${i.message}`),
    ...(report.issues.length > 0 ? [""] : []),
    `${errors.length === 0 ? "✓ corpus check passed" : "✗ corpus check failed"}: ${errors.length} error(s), ${warnings.length} warning(s)`,
  ];
  return lines.join("\n");
}

async function markdownFiles(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isFile() && e.name.endsWith(".md")).map((e) => e.name).sort();
}

async function subdirs(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
