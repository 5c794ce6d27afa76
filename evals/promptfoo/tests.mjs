// The suite's datasets (evals/datasets/*.jsonl) as promptfoo test cases, read as plain JSON.
// SCRUTIN_EVAL_ONLY (set by run.ts from --only) limits them to some datasets.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../datasets");

export default function tests() {
  const only = (process.env.SCRUTIN_EVAL_ONLY ?? "").split(",").filter(Boolean);
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const dataset = file.replace(/\.jsonl$/, "");
    if (only.length && !only.includes(dataset)) continue;
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const c = JSON.parse(line);
      out.push({
        description: `${dataset}/${c.id}`,
        vars: { id: c.id, dataset, question: c.question, lang: c.lang, expect: c.expect, history: JSON.stringify(c.history ?? []) },
      });
    }
  }
  return out;
}
