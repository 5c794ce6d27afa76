/**
 * The pre-model phase of an LLM turn, in process: from `answer()` being called to the model
 * request leaving (the provider's `fetch`), over the real runtime (corpus index, PGlite
 * audit log, guard, retrieval, streaming screen and gate, prompt, the provider's doStream over
 * @ai-sdk/openai .chat()). No HTTP on either side: the provider's fetch is answered in
 * memory with a cited first sentence of the first passage, so the rest of the turn (verify,
 * sign, log) runs as usual. Less sensitive to other jobs on the machine than the TTFT
 * bench, which it explains phase by phase.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LlmComposer } from "../src/compose/llm.js";
import { parseConfig } from "../src/config/env.js";
import { makeRuntime } from "../src/deps.js";
import { answer } from "../src/pipeline/answer.js";
import type { Retriever } from "../src/retrieve/retrieve.js";
import type { ChatRequestBody } from "../tests/support/fake-openai.js";
import { citedFirstSentence, LLM_BENCH_QUESTIONS } from "./lib/llm-turns.js";
import { fmt, percentile, progress } from "./lib/stats.js";

export interface PreModelOptions {
  iterations: number;
  /** Also send a conversationId, so the history lookup in the audit log is on the path. */
  withHistory: boolean;
}

const PHASES = [
  ["guard", "request → retrieval starts (ids, history lookup, guard)"],
  ["retrieval", "retrieval (analysis, BM25, vectors, fusion, coverage)"],
  ["compose", "retrieval ends → provider called (answerability, screen, gate, prompt, provider doStream)"],
  ["provider", "provider → fetch (request body, headers)"],
] as const;
type Phase = (typeof PHASES)[number][0];

export interface PreModelResult {
  total: { p50: number; p99: number; mean: number };
  phases: Record<Phase, { p50: number; mean: number }>;
  answers: number;
  iterations: number;
  withHistory: boolean;
}

const QUESTIONS = LLM_BENCH_QUESTIONS;

/** A Chat Completions stream answering with the first passage's first sentence, cited. */
function cannedStream(body: ChatRequestBody): Response {
  const text = citedFirstSentence(body);
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let sse = chunk({ role: "assistant", content: "" }, null);
  for (let i = 0; i < text.length; i += 4) sse += chunk({ content: text.slice(i, i + 4) }, null);
  sse += chunk({}, "stop") + "data: [DONE]\n\n";
  return new Response(sse, { headers: { "content-type": "text/event-stream" } });
}

export async function benchPreModel(opts: PreModelOptions): Promise<PreModelResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-bench-premodel-"));
  const root = path.resolve(import.meta.dirname, "..");
  const config = parseConfig({ DATA_DIR: dataDir, CORPUS_DIR: path.join(root, "corpus"), DATABASE_URL: "", COMPOSER: "llm", LLM_BASE_URL: "http://model.invalid/v1", LLM_MODEL: "fake-model", LLM_API_KEY: "bench" });
  progress(`pre-model: runtime over corpus/ with PGlite in ${dataDir}`);
  const runtime = await makeRuntime(config);
  let mark: Partial<Record<"retrieveStart" | "retrieveEnd" | "doStream" | "fetch", number>> = {};
  const fetchStub = async (_url: RequestInfo | URL, init?: RequestInit) => {
    mark.fetch ??= performance.now();
    return cannedStream(JSON.parse(String(init?.body)) as ChatRequestBody);
  };
  // The same construction as makeComposer (src/deps.ts), with the network replaced.
  const model = createOpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, fetch: fetchStub as typeof fetch }).chat(config.LLM_MODEL);
  const doStream = model.doStream.bind(model);
  model.doStream = (o) => {
    mark.doStream ??= performance.now();
    return doStream(o);
  };
  const inner = runtime.deps.retriever;
  const retriever: Retriever = {
    chunks: inner.chunks,
    idf: (t, l) => inner.idf(t, l),
    retrieve: async (q, l, k) => {
      mark.retrieveStart ??= performance.now();
      const r = await inner.retrieve(q, l, k);
      mark.retrieveEnd ??= performance.now();
      return r;
    },
  };
  const deps = { ...runtime.deps, retriever, composer: new LlmComposer(model, config.LLM_MODEL, config.LLM_TIMEOUT_MS) };
  const conversationId = "7c0e1f2a-3b4c-4d5e-8f60-718293a4b5c6";
  try {
    const total: number[] = [];
    const phases: Record<Phase, number[]> = { guard: [], retrieval: [], compose: [], provider: [] };
    let answers = 0;
    const warm = 40;
    for (let i = 0; i < warm + opts.iterations; i++) {
      const q = QUESTIONS[i % QUESTIONS.length]!;
      mark = {};
      const t0 = performance.now();
      const env = await answer(opts.withHistory ? { ...q, conversationId } : q, deps);
      const m = mark as Required<typeof mark>;
      if (i < warm) continue;
      if (env.provenance.generator === "llm") answers++;
      total.push(m.fetch - t0);
      phases.guard.push(m.retrieveStart - t0);
      phases.retrieval.push(m.retrieveEnd - m.retrieveStart);
      phases.compose.push(m.doStream - m.retrieveEnd);
      phases.provider.push(m.fetch - m.doStream);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const r: PreModelResult = {
      total: { p50: percentile(total, 50), p99: percentile(total, 99), mean: mean(total) },
      phases: Object.fromEntries(PHASES.map(([k]) => [k, { p50: percentile(phases[k], 50), mean: mean(phases[k]) }])) as PreModelResult["phases"],
      answers,
      iterations: opts.iterations,
      withHistory: opts.withHistory,
    };
    progress(`  pre-model p50 ${fmt(r.total.p50)} ms, p99 ${fmt(r.total.p99)} ms (${PHASES.map(([k]) => `${k} ${fmt(r.phases[k].p50)}`).join(", ")})`);
    return r;
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function preModelMarkdown(r: PreModelResult): string {
  return [
    `In process, no HTTP: \`answer()\` over the real runtime (corpus/, PGlite audit log) with COMPOSER=llm, from the call to the provider's \`fetch\` ` +
      `(answered in memory), ${r.iterations} turns one at a time after a warm-up${r.withHistory ? ", each in the same conversation (history lookup on the path)" : ", no conversationId"}. ` +
      `${r.answers}/${r.iterations} turns ended as verified LLM answers.`,
    "",
    "| phase | p50 (ms) | mean (ms) |",
    "|---|---:|---:|",
    ...PHASES.map(([k, label]) => `| ${label} | ${fmt(r.phases[k].p50)} | ${fmt(r.phases[k].mean)} |`),
    `| **request → model request sent** (p99 ${fmt(r.total.p99)}) | **${fmt(r.total.p50)}** | **${fmt(r.total.mean)}** |`,
  ].join("\n");
}
