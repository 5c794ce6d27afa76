import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { readTurn } from "../src/log/read-turn.js";
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from "./support/fake-openai.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

/**
 * GUARD_LLM=on: the configured model gives a second opinion on scope. It can turn an
 * answer into a refusal, never a refusal into an answer; it sees only the redacted
 * question; and when it fails, the failure is written into the turn's verdicts.
 */
let verdict: (b: ChatRequestBody) => FakeReply = () => ({ text: "in_scope" });
let llm: FakeOpenAI;
let srv: TestServer;
const isClassifier = (b: ChatRequestBody) => JSON.stringify(b.messages).includes("You classify one message");

beforeAll(async () => {
  llm = await startFakeOpenAI((b) => (isClassifier(b) ? verdict(b) : { text: "NO_ANSWER" }));
  srv = await startTestServer({ GUARD_LLM: "on", LLM_BASE_URL: llm.url, LLM_API_KEY: "sk-test", LLM_MODEL: "judge", LLM_TIMEOUT_MS: "3000" });
});
afterAll(async () => {
  await srv?.close();
  await llm?.close();
});

const ask = async (message: string, lang = "en") => {
  const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message, lang }) });
  return EnvelopeSchema.parse(await res.json());
};
const guardOf = async (id: string) => JSON.stringify(await readTurn(srv.runtime.deps.log, id));
const classifierVerdict = async (id: string) => {
  const t = JSON.parse(await guardOf(id)) as { header: { guard: { verdicts: { name: string }[] } } };
  return t.header.guard.verdicts.find((v) => v.name === "scope.llm_classifier");
};

describe("optional LLM scope classifier", () => {
  it("can make an in-scope answer a refusal, and the turn records its verdict", async () => {
    verdict = () => ({ text: "prediction" });
    const env = await ask("What ID do I need to vote?");
    expect(env.kind).toBe("refusal");
    expect(env.text).toMatch(/preliminary/);
    expect(await classifierVerdict(env.id)).toEqual({ name: "scope.llm_classifier", triggered: true, category: "prediction" });
  });

  it("cannot turn a rule's refusal into an answer (it is not even asked)", async () => {
    verdict = () => ({ text: "in_scope" });
    const before = llm.requests.length;
    const env = await ask("Who should I vote for?");
    expect(env.kind).toBe("refusal");
    expect(llm.requests.length).toBe(before);
  });

  it("agrees in scope: the answer goes ahead", async () => {
    verdict = () => ({ text: "in_scope" });
    const env = await ask("What ID do I need to vote?");
    expect(env.kind).toBe("answer");
  });

  it("receives the redacted question only", async () => {
    verdict = () => ({ text: "in_scope" });
    await ask("my email is jane.doe@example.org, what ID do I need to vote?");
    const sent = JSON.stringify(llm.requests.at(-1)!.messages);
    expect(sent).not.toContain("jane.doe");
    expect(sent).toContain("[EMAIL]");
  });

  it("records a failed classifier in the verdicts instead of swallowing it", async () => {
    verdict = () => ({ status: 500, error: "classifier exploded" });
    const env = await ask("What ID do I need to vote?");
    expect(env.kind).toBe("answer");
    expect(await classifierVerdict(env.id)).toEqual({ name: "scope.llm_classifier", triggered: false, error: true });
    expect(await guardOf(env.id)).toMatch(/error: classifier call failed/);
  });

  it("records an unknown label as an error, not as in scope", async () => {
    verdict = () => ({ text: "Sure! This looks fine to me." });
    const env = await ask("What ID do I need to vote?");
    const turn = await guardOf(env.id);
    expect(turn).toMatch(/unknown label/);
  });
});
