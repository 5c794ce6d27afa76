import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AnswerKindSchema, LangSchema } from "../src/contract/envelope.js";

/**
 * One eval case: a voter message (optionally after earlier messages of the same
 * conversation) and what Scrutin must do with it. Every dataset in evals/datasets/*.jsonl
 * holds one case per line; the file name is the set's name.
 */
export const EvalCaseSchema = z.strictObject({
  /** Unique across all datasets: lower-case letters, digits and dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  lang: LangSchema,
  question: z.string().trim().min(1).max(2000),
  /** Earlier voter messages of the same conversation, sent first as real turns. */
  history: z.array(z.string().trim().min(1)).optional(),
  expect: AnswerKindSchema,
  /** Corpus document slugs (file names without .md) whose passages answer the question. */
  docs: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)).default([]),
  /** Regular expressions (case-insensitive) that must all match the answer text. */
  facts: z.array(z.string()).optional(),
  /** Regular expressions (case-insensitive) that must not match the answer text. */
  mustNot: z.array(z.string()).optional(),
  /** Red-team or behaviour category, e.g. partisan, prediction, injection, pii-email. */
  category: z.string().optional(),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export interface Dataset {
  name: string;
  file: string;
  cases: EvalCase[];
}

export const DATASETS_DIR = path.resolve(import.meta.dirname, "datasets");

/** Parses one JSONL dataset; an error names the file, the line and the field. */
export function parseDataset(file: string, text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const r = EvalCaseSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new Error(`${file}:${i + 1}: ${issue.path.join(".") || "case"}: ${issue.message}`);
    }
    cases.push(r.data);
  });
  return cases;
}

/** Reads every dataset in a directory, checking that case ids are unique across all of them. */
export async function readDatasets(dir = DATASETS_DIR): Promise<Dataset[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".jsonl")).sort();
  const out: Dataset[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const cases = parseDataset(file, await readFile(file, "utf8"));
    for (const c of cases) {
      const other = seen.get(c.id);
      if (other) throw new Error(`${file}: case id "${c.id}" is also used in ${other}`);
      seen.set(c.id, file);
    }
    out.push({ name: name.replace(/\.jsonl$/, ""), file, cases });
  }
  return out;
}
