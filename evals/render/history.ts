import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import type { Metrics } from "../suite/metrics.js";
import type { SuiteResult } from "../suite/score.js";

/** The run history staff keep in git: one line per run, the figures only. */
export const HISTORY_FILE = path.resolve(import.meta.dirname, "../history.jsonl");

export interface HistoryEntry {
  at: string;
  mode: string;
  composer: string;
  corpusVersion: string;
  thresholdsVersion: number;
  pass: boolean;
  overall: Metrics;
  datasets: Record<string, Metrics>;
}

export function historyEntry(r: SuiteResult): HistoryEntry {
  return {
    at: r.finishedAt,
    mode: r.context.mode,
    composer: r.context.composer,
    corpusVersion: r.context.corpusVersion,
    thresholdsVersion: r.context.thresholdsVersion,
    pass: r.pass,
    overall: r.overall,
    datasets: Object.fromEntries(r.datasets.map((d) => [d.name, d.metrics])),
  };
}

/** Reads the history; a missing file is an empty history, a bad line is an error naming it. */
export async function readHistory(file = HISTORY_FILE): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return text.split("\n").filter((l) => l.trim()).map((l, i) => {
    try {
      return JSON.parse(l) as HistoryEntry;
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
  });
}

export async function appendHistory(entry: HistoryEntry, file = HISTORY_FILE): Promise<void> {
  await appendFile(file, `${JSON.stringify(entry)}\n`);
}
