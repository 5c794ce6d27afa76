/**
 * With a model configured (EVAL_JUDGE_BASE_URL), citation support is judged by the model:
 * one binary entailment question per claim, cited passages only. A fake OpenAI-compatible
 * server plays the judge.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../tests/support/fake-openai.js";
import { EvalCaseSchema } from "./cases.js";
import { runSuite } from "./run.js";
import { llmJudge } from "./suite/judge.js";

const CORPUS = path.resolve(import.meta.dirname, "../corpus");
const cases = [
  { id: "j-fr", lang: "fr", question: "Quelles pièces d'identité dois-je présenter pour voter?", expect: "answer", docs: ["identification"] },
  { id: "j-en", lang: "en", question: "Does my employer have to let me go vote?", expect: "answer", docs: ["time-off-work"] },
].map((c) => EvalCaseSchema.parse(c));
const datasets = [{ name: "judged", file: "(inline)", cases }];
const target = { kind: "in-process" as const, options: { corpusDir: CORPUS } };

describe("LLM citation-support judge", () => {
  let verdict = "YES";
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ text: verdict }));
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("asks the model about each claim with its cited passages, and scores its YES", async () => {
    const r = await runSuite({ datasets, target, judge: llmJudge({ baseURL: fake.url, model: "judge-model" }) });
    expect(r.context.judge).toMatch(/^llm judge-model/);
    expect(r.overall.citationSupport).toBe(1);
    const claims = r.cases.flatMap((c) => c.turns).reduce((n, t) => n + t.cited.length, 0);
    expect(fake.requests.length).toBeGreaterThanOrEqual(claims > 0 ? 2 : 0);
    const prompt = fake.requests[0]!.messages.find((m) => m.role === "user")!.content;
    expect(prompt).toMatch(/<passage n="1">[\s\S]+<\/passage>[\s\S]*<sentence>/);
    expect(fake.requests[0]!.model).toBe("judge-model");
  });

  it("fails citation support when the model says the passages do not support the claims", async () => {
    verdict = "NO";
    const r = await runSuite({ datasets, target, judge: llmJudge({ baseURL: fake.url, model: "judge-model" }) });
    expect(r.overall.citationSupport).toBe(0);
    expect(r.datasets[0]!.gates.find((g) => g.metric === "citationSupport")!.pass).toBe(false);
  });
});
