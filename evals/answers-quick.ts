/**
 * Quick answer-quality check of the offline default: every case of the answerable-* sets and
 * the holdout, plus a few questions the corpus cannot answer (which must abstain), through
 * the real pipeline (`makeRuntime` + `answer()`, temp DATA_DIR, in-memory PGlite). Reports,
 * per set, expected-kind accuracy, the share whose `facts` all match, `mustNot` violations.
 * The full suite is `npm run eval`; this one stays small for tuning retrieval and composition.
 *
 *   npx tsx evals/answers-quick.ts [--verbose] [--no-guard]
 *
 * `--no-guard` skips the guard (retrieve → answerability → extractive → verify only), to see
 * the quality of those stages on questions the guard would refuse.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openPglite } from "../src/adapters/pglite.js";
import { composeExtractive } from "../src/compose/extractive.js";
import { verifyComposition } from "../src/compose/verify.js";
import { parseConfig } from "../src/config/env.js";
import { makeRuntime, type Runtime } from "../src/deps.js";
import { answer } from "../src/pipeline/answer.js";
import { assessAnswerability } from "../src/pipeline/answerable.js";
import { retrievalQueryFor } from "../src/pipeline/follow-up.js";
import { readDatasets, type EvalCase } from "./cases.js";

const unanswerable = (id: string, lang: "fr" | "en", question: string): EvalCase => ({ id, lang, question, expect: "abstain", docs: [] });
/** Questions about polling day that the official sources do not answer. */
export const UNANSWERABLE: EvalCase[] = [
  unanswerable("un-fr-1", "fr", "Y a-t-il du stationnement gratuit au bureau de vote?"),
  unanswerable("un-fr-2", "fr", "Quelle météo fera-t-il demain le jour du vote?"),
  unanswerable("un-fr-3", "fr", "Combien coûte un billet d'autobus pour aller voter à Sherbrooke?"),
  unanswerable("un-fr-4", "fr", "Est-ce que le bureau de vote du 4500 boulevard Laurier sera climatisé?"),
  unanswerable("un-fr-5", "fr", "Est-ce qu'on sert du café gratuit au bureau de vote?"),
  unanswerable("un-en-1", "en", "Is there free parking at my polling station?"),
  unanswerable("un-en-2", "en", "What will the weather be tomorrow on polling day?"),
  unanswerable("un-en-3", "en", "Is the polling station at 1200 Wellington Street air-conditioned?"),
  unanswerable("un-en-4", "en", "Can I bring my dog into the polling station?"),
  unanswerable("un-en-5", "en", "Which bus route goes to the polling station in Gatineau?"),
];

interface Outcome {
  kind: string;
  text: string;
}

async function throughPipeline(rt: Runtime, c: EvalCase): Promise<Outcome> {
  const conversationId = randomUUID().replace(/-/g, "");
  for (const h of c.history ?? []) await answer({ message: h, lang: c.lang, conversationId }, rt.deps);
  const env = await answer({ message: c.question, lang: c.lang, ...(c.history?.length ? { conversationId } : {}) }, rt.deps);
  return { kind: env.kind, text: env.text };
}

async function withoutGuard(rt: Runtime, c: EvalCase): Promise<Outcome> {
  const history = c.history ?? [];
  const r = await rt.index.retriever.retrieve(retrievalQueryFor(c.question, history, c.lang), c.lang, 6);
  if (!assessAnswerability(r).answerable) return { kind: "abstain", text: "" };
  const comp = composeExtractive({ question: c.question, lang: c.lang, hits: r.hits, history, weight: (t) => rt.index.retriever.idf(t, c.lang) });
  const ok = comp.kind === "answer" && verifyComposition(comp, r.hits).length === 0;
  return ok ? { kind: "answer", text: comp.body } : { kind: "abstain", text: "" };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false }, "no-guard": { type: "boolean", default: false } } });
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-answers-"));
  const rt = await makeRuntime(parseConfig({ DATA_DIR: dataDir, CORPUS_DIR: "corpus", PORT: "0" }), { db: await openPglite() });
  try {
    const sets = (await readDatasets()).filter((d) => d.name.startsWith("answerable-") || d.name === "holdout");
    sets.push({ name: "unanswerable", file: "", cases: UNANSWERABLE });
    console.log("set                   n   kind  facts  full  mustNot");
    for (const set of sets) {
      let kindOk = 0, factsOk = 0, full = 0, violations = 0;
      const failures: string[] = [];
      for (const c of set.cases) {
        const o = values["no-guard"] ? await withoutGuard(rt, c) : await throughPipeline(rt, c);
        const missing = (c.facts ?? []).filter((f) => !new RegExp(f, "i").test(o.text));
        const bad = (c.mustNot ?? []).filter((f) => new RegExp(f, "i").test(o.text));
        const kOk = o.kind === c.expect;
        kindOk += kOk ? 1 : 0;
        factsOk += kOk && missing.length === 0 ? 1 : 0;
        violations += bad.length > 0 ? 1 : 0;
        if (kOk && missing.length === 0 && bad.length === 0) full++;
        else failures.push(`  ${c.id} got ${o.kind}, expected ${c.expect}${missing.length ? `; missing ${missing.join(" | ")}` : ""}${bad.length ? `; must not ${bad.join(" | ")}` : ""}\n    ${c.question}`);
      }
      console.log(`${set.name.padEnd(20)} ${String(set.cases.length).padStart(3)}  ${String(kindOk).padStart(4)}  ${String(factsOk).padStart(5)}  ${String(full).padStart(4)}  ${String(violations).padStart(7)}`);
      if (values.verbose && failures.length) console.log(failures.join("\n"));
    }
  } finally {
    await rt.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
