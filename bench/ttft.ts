/**
 * Time to first token added by Scrutin over an OpenAI-compatible model with a fixed
 * first-token latency: the same fake model (tests/support/fake-openai.ts, in a process of
 * its own as a model server is) asked directly, and through POST /api/chat (SSE,
 * COMPOSER=llm) of the real server. One request at a time, alternating, so both see the
 * same machine state.
 */
import type { ChatRequestBody } from "../tests/support/fake-openai.js";
import { startFakeModelProc } from "./lib/fake-model-proc.js";
import { LLM_BENCH_QUESTIONS } from "./lib/llm-turns.js";
import { pinSelf, startServer } from "./lib/server-proc.js";
import { fmt, percentile, progress } from "./lib/stats.js";

export interface TtftOptions {
  requests: number;
  firstTokenMs: number;
  /** Delay between streamed chunks of ~4 characters (about one token). */
  interTokenMs: number;
}

export interface TtftResult {
  direct: { p50: number; p99: number };
  scrutin: { p50: number; p99: number };
  added: { p50: number; p99: number };
  /** From the voter's request to the model receiving Scrutin's request: guard, retrieval, prompt, HTTP. */
  beforeModel: { p50: number; p99: number };
  answers: number;
  requests: number;
}

const QUESTIONS = LLM_BENCH_QUESTIONS;
const epochNow = () => performance.timeOrigin + performance.now();

/** Milliseconds from sending until the stream's bytes contain `marker`. */
async function timeTo(marker: RegExp, url: string, init: RequestInit): Promise<{ ms: number; text: string; startedAt: number }> {
  const startedAt = epochNow();
  const t = performance.now();
  const res = await fetch(url, init);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let seen = "";
  let ms = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += dec.decode(value, { stream: true });
    if (Number.isNaN(ms) && marker.test(seen)) ms = performance.now() - t;
  }
  if (Number.isNaN(ms)) throw new Error(`${url}: stream ended without ${marker}:\n${seen.slice(0, 500)}`);
  return { ms, text: seen, startedAt };
}

export async function benchTtft(opts: TtftOptions): Promise<TtftResult> {
  const fake = await startFakeModelProc({ firstTokenMs: opts.firstTokenMs, interTokenMs: opts.interTokenMs, cpu: 1 });
  progress(`ttft: fake model in its own process on core 1 (first token ${opts.firstTokenMs} ms, then a ~token every ${opts.interTokenMs} ms); starting the server with COMPOSER=llm on core 0`);
  const srv = await startServer({ DATABASE_URL: "", COMPOSER: "llm", LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model", LLM_API_KEY: "bench" }, { cpu: 0 });
  // The voter's side and the model on core 1, Scrutin's server alone on core 0 (PERF.md protocol).
  const restore = await pinSelf("1");
  try {
    const direct: number[] = [];
    const through: number[] = [];
    const beforeModel: number[] = [];
    let answers = 0;
    // Warm-up (JIT, connection pools), not measured.
    for (const q of QUESTIONS) await timeTo(/event: (delta|answer|error)/, `${srv.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify(q) });
    for (let i = 0; i < opts.requests; i++) {
      const q = QUESTIONS[i % QUESTIONS.length]!;
      const s = await timeTo(/event: delta/, `${srv.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify(q) });
      through.push(s.ms);
      const seen = fake.last();
      if (!seen || seen.arrivedAt < s.startedAt) throw new Error("the model did not report Scrutin's request");
      beforeModel.push(seen.arrivedAt - s.startedAt);
      if (/"generator":"llm"/.test(s.text)) answers++;
      // The same prompt Scrutin just sent, straight to the model.
      const body: ChatRequestBody = { ...seen.body, stream: true };
      const d = await timeTo(/"content":"[^"]/, `${fake.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer bench" }, body: JSON.stringify(body) });
      direct.push(d.ms);
      if ((i + 1) % 25 === 0) progress(`  ${i + 1}/${opts.requests}`);
    }
    const added = through.map((t, i) => t - direct[i]!);
    const r: TtftResult = {
      direct: { p50: percentile(direct, 50), p99: percentile(direct, 99) },
      scrutin: { p50: percentile(through, 50), p99: percentile(through, 99) },
      added: { p50: percentile(added, 50), p99: percentile(added, 99) },
      beforeModel: { p50: percentile(beforeModel, 50), p99: percentile(beforeModel, 99) },
      answers,
      requests: opts.requests,
    };
    progress(`  direct TTFT p50 ${fmt(r.direct.p50)} ms; through Scrutin p50 ${fmt(r.scrutin.p50)} ms; added p50 ${fmt(r.added.p50)} ms, p99 ${fmt(r.added.p99)} ms`);
    return r;
  } finally {
    await restore();
    await srv.stop();
    await fake.stop();
  }
}

/** The run with the lowest added p50 (PERF.md protocol: best of the runs, reported with the range). */
export function bestTtft(runs: readonly TtftResult[]): TtftResult {
  return runs.reduce((a, b) => (b.added.p50 < a.added.p50 ? b : a));
}

export function ttftMarkdown(runs: readonly TtftResult[], opts: TtftOptions): string {
  const r = bestTtft(runs);
  const each = runs.length === 1 ? [] : [
    `${runs.length} runs, each with a fresh server and model process; the table below is the best run (lowest added p50).`,
    "",
    "| run | added p50 (ms) | added p99 (ms) | before the model p50 (ms) | direct p50 (ms) |",
    "|---:|---:|---:|---:|---:|",
    ...runs.map((x, i) => `| ${i + 1} | ${fmt(x.added.p50)} | ${fmt(x.added.p99)} | ${fmt(x.beforeModel.p50)} | ${fmt(x.direct.p50)} |`),
    "",
  ];
  return [
    ...each,
    `Fake OpenAI-compatible model (\`tests/support/fake-openai.ts\`): first token after ${opts.firstTokenMs} ms, then ~4 characters every ${opts.interTokenMs} ms. ` +
      `${r.requests} requests, one at a time, alternating: through Scrutin (POST /api/chat, SSE, COMPOSER=llm: guard, retrieval, prompt, model call, streaming gate) until the first \`delta\` event, ` +
      `and the same prompt straight to the model until its first content chunk. Added = the pair's difference. ${r.answers}/${r.requests} turns ended as verified LLM answers.`,
    "",
    "| | p50 (ms) | p99 (ms) |",
    "|---|---:|---:|",
    `| direct to the model | ${fmt(r.direct.p50)} | ${fmt(r.direct.p99)} |`,
    `| through Scrutin (first \`delta\`) | ${fmt(r.scrutin.p50)} | ${fmt(r.scrutin.p99)} |`,
    `| **added by Scrutin** | **${fmt(r.added.p50)}** | **${fmt(r.added.p99)}** |`,
    `| of which before the model is called (guard, retrieval, prompt, request) | ${fmt(r.beforeModel.p50)} | ${fmt(r.beforeModel.p99)} |`,
    "",
    `The rest of the added time is waiting for words to be complete: the streaming gate (\`src/compose/gate.ts\`) releases a word once the ` +
      `whitespace after it has arrived (a word still arriving can become an e-mail address, a URL or a figure), and the integrity screen ` +
      `(\`src/guard/stream-screen.ts\`) holds a word only while it could still open a phrase the checks reject (a recited-prompt run, ` +
      `an opinion, a party name, an instruction: "What …" could become "what were you told"), so a first word is usually shown one ` +
      `inter-token gap after it arrives (${opts.interTokenMs} ms here, ~13 ms at 77 tok/s), and a few gaps later when it opens such a phrase.`,
    "",
    `Before the model is called, Scrutin's own work (guard, retrieval, screen and gate set-up, prompt, AI SDK) is ~2–3 ms p50: the \`premodel\` ` +
      `suite (\`bench/pre-model.ts\`) times it in process, phase by phase. The rest of that column is HTTP on both sides of the server ` +
      `(the voter's request read and routed through the middleware, the SSE response started while the AI SDK prepares its call, ` +
      `the request to the model written and read), which this bench's fake model, in the bench's own process, also pays.`,
  ].join("\n");
}
