/**
 * Retrieval quality on the labelled question set: recall@5 and MRR by language, against
 * the documents each question is labelled with. Runs the same retriever as the server
 * (same corpus, embedder, expansion and follow-up handling), no HTTP, no log.
 *
 *   npm run eval:retrieval [-- --datasets evals/datasets --corpus corpus --k 5 --json]
 *
 * Every case of every dataset that expects an answer and names its documents is scored.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadIndex } from "../src/ingest/build-index.js";
import { HashingEmbeddings } from "../src/ingest/embed.js";
import { retrievalQueryFor } from "../src/pipeline/follow-up.js";
import { DATASETS_DIR, readDatasets, type EvalCase } from "./cases.js";

export interface RetrievalScore {
  n: number;
  recallAtK: number;
  mrr: number;
  misses: { id: string; question: string; expected: string[]; got: string[] }[];
}

/** Scores answerable questions: a hit is any retrieved chunk of a labelled document. */
export async function scoreRetrieval(opts: { questions: readonly EvalCase[]; corpusDir: string; k: number }): Promise<Record<"fr" | "en" | "all", RetrievalScore>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-retrieval-"));
  const index = await loadIndex({ corpusDir: opts.corpusDir, dataDir, embeddings: new HashingEmbeddings(), embedderId: HashingEmbeddings.id });
  const out = {} as Record<"fr" | "en" | "all", RetrievalScore>;
  for (const lang of ["fr", "en", "all"] as const) out[lang] = { n: 0, recallAtK: 0, mrr: 0, misses: [] };
  for (const q of opts.questions.filter((x) => x.expect === "answer" && x.docs.length > 0)) {
    const query = retrievalQueryFor(q.question, q.history ?? [], q.lang);
    const r = await index.retriever.retrieve(query, q.lang, opts.k);
    const slugs = r.hits.map((h) => h.chunk.slug);
    const rank = slugs.findIndex((s) => q.docs.includes(s));
    for (const key of [q.lang, "all"] as const) {
      const s = out[key];
      s.n += 1;
      if (rank >= 0) {
        s.recallAtK += 1;
        s.mrr += 1 / (rank + 1);
      } else if (key === "all") s.misses.push({ id: q.id, question: q.question, expected: q.docs, got: [...new Set(slugs)] });
    }
  }
  for (const s of Object.values(out)) {
    s.recallAtK = s.n ? s.recallAtK / s.n : 0;
    s.mrr = s.n ? s.mrr / s.n : 0;
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { datasets: { type: "string", default: DATASETS_DIR }, corpus: { type: "string", default: "corpus" }, k: { type: "string", default: "5" }, json: { type: "boolean", default: false } },
  });
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new Error("--k must be a positive integer");
  const questions = (await readDatasets(values.datasets)).flatMap((d) => d.cases);
  const scores = await scoreRetrieval({ questions, corpusDir: values.corpus, k });
  if (values.json) {
    console.log(JSON.stringify(scores, null, 2));
    return;
  }
  console.log(`Retrieval on ${path.relative(process.cwd(), values.datasets) || "."} (corpus ${values.corpus}, k=${k})`);
  console.log("lang  questions  recall@k  MRR");
  for (const lang of ["fr", "en", "all"] as const) {
    const s = scores[lang];
    console.log(`${lang.padEnd(5)} ${String(s.n).padStart(9)}  ${s.recallAtK.toFixed(3).padStart(8)}  ${s.mrr.toFixed(3)}`);
  }
  for (const m of scores.all.misses) console.log(`  miss ${m.id}: "${m.question}" expected ${m.expected.join("|")}, got ${m.got.join(", ")}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
