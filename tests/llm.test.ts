import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { verifyEnvelope } from "../src/seal/sign.js";
import { passagesOf, startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from "./support/fake-openai.js";
import { readSse, startTestServer, type TestServer } from "./support/runtime.js";

/**
 * The LLM composer against a real OpenAI-compatible HTTP server that we script: a
 * well-behaved model, and models that cite what they were not given, invent a URL and a
 * phone number, fail, or say nothing. Whatever the model does, the voter must get a
 * verified answer or a fallback, never the invention.
 */
let behaviour: (body: ChatRequestBody) => FakeReply = () => ({ text: "NO_ANSWER" });
let llm: FakeOpenAI;
let srv: TestServer;

beforeAll(async () => {
  llm = await startFakeOpenAI((b) => behaviour(b));
  srv = await startTestServer({ COMPOSER: "llm", LLM_BASE_URL: llm.url, LLM_API_KEY: "sk-test", LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "3000" });
});
afterAll(async () => {
  await srv?.close();
  await llm?.close();
});

const ask = async (message: string) => {
  const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "text/event-stream" }, body: JSON.stringify({ message }) });
  const events = await readSse(res);
  const final = events.find((e) => e.event === "answer");
  if (!final) throw new Error(`no answer event: ${JSON.stringify(events)}`);
  return { events, env: EnvelopeSchema.parse(JSON.parse(final.data)) };
};
const keys = async () => ((await (await fetch(`${srv.url}/api/keys`)).json()) as { keys: { kid: string; x: string }[] }).keys;
const hoursPassage = (b: ChatRequestBody) => passagesOf(b).find((p) => p.text.includes("9:30 a.m. to 8 p.m.") && p.text.startsWith("On polling day, polling"))!;

describe("LLM composer over HTTP", () => {
  it("streams a well-behaved model's cited answer and signs it as generator llm", async () => {
    behaviour = (b) => ({ text: `Polling stations are open from 9:30 a.m. to 8 p.m. on polling day [${hoursPassage(b).n}].`, chunkSize: 5, delayMs: 2 });
    const { events, env } = await ask("What are the polling hours on election day?");
    expect(env.kind).toBe("answer");
    expect(env.provenance).toMatchObject({ generator: "llm", model: "fake-model", promptVersion: "answer-v2" });
    expect(env.citations).toHaveLength(1);
    expect(env.text).toContain("9:30 a.m. to 8 p.m.");
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((d) => JSON.parse(d.data).text).join("")).toBe(env.text);
    expect(await verifyEnvelope(env, await keys())).toBe(true);
    // The prompt fenced the voter's text and numbered the passages.
    const sent = llm.requests.at(-1)!;
    expect(sent.stream).toBe(true);
    expect(sent.messages[0]!.role).toBe("system");
    expect(sent.messages.at(-1)!.content).toMatch(/<question>\nWhat are the polling hours/);
  });

  it("catches a model that cites a passage it was not given, and falls back to the extractive answer", async () => {
    behaviour = (b) => ({ text: `Polls are open from 9:30 a.m. to 8 p.m. [${passagesOf(b).length + 3}].` });
    const { env } = await ask("What are the polling hours on election day?");
    expect(env.provenance.generator).toBe("extractive");
    expect(env.kind).toBe("answer");
    expect(env.citations.every((c) => c.url.startsWith("https://www.electionsquebec.qc.ca/"))).toBe(true);
    const row = await srv.runtime.deps.log.db.query<{ header: string }>("SELECT header FROM audit_events WHERE turn_id = $1", [env.id]);
    expect(row.rows[0]!.header).toContain("llm.rejected");
    expect(row.rows[0]!.header).toContain("citation_not_retrieved");
  });

  it("catches a model that invents a URL and a phone number; the voter never sees them", async () => {
    behaviour = (b) => ({ text: `You can also vote by text message: call 514-555-0199 or go to https://vote-quebec.example.com [${hoursPassage(b).n}].`, chunkSize: 4 });
    const { events, env } = await ask("What are the polling hours on election day?");
    const streamed = events.filter((e) => e.event === "delta").map((e) => JSON.parse(e.data).text).join("");
    expect(streamed).not.toContain("514-555-0199");
    expect(streamed).not.toContain("vote-quebec.example.com");
    expect(env.text).not.toMatch(/514|example\.com/);
    expect(env.provenance.generator).toBe("extractive");
    // What the voter ends up seeing (deltas after the last reset, if any) is the final text.
    const lastReset = events.map((e) => e.event).lastIndexOf("reset");
    const visible = events.slice(lastReset + 1).filter((e) => e.event === "delta").map((e) => JSON.parse(e.data).text).join("");
    expect(visible).toBe(env.text);
  });

  it("catches a model that invents a bare domain (no https://, no www); the voter never sees it", async () => {
    behaviour = (b) => ({ text: `Polling stations are open from 9:30 a.m. to 8 p.m. on polling day; check your station on quebec-vote.ca/bureau [${hoursPassage(b).n}].`, chunkSize: 3 });
    const { events, env } = await ask("What are the polling hours on election day?");
    const streamed = events.filter((e) => e.event === "delta").map((e) => JSON.parse(e.data).text).join("");
    expect(streamed).not.toContain("quebec-vote");
    expect(env.text).not.toContain("quebec-vote");
    expect(env.provenance.generator).toBe("extractive");
  });

  it("falls back when the model endpoint fails", async () => {
    behaviour = () => ({ status: 500, error: "upstream exploded" });
    const { env } = await ask("What are the polling hours on election day?");
    expect(env.kind).toBe("answer");
    expect(env.provenance.generator).toBe("extractive");
  });

  it("abstains when the model says the passages do not answer", async () => {
    behaviour = () => ({ text: "NO_ANSWER" });
    const { env, events } = await ask("What are the polling hours on election day?");
    expect(env.kind).toBe("abstain");
    expect(env.provenance.generator).toBe("llm");
    expect(events.filter((e) => e.event === "delta").map((e) => JSON.parse(e.data).text).join("")).not.toContain("NO_ANSWER");
  });

  it("never sends personal information to the model", async () => {
    behaviour = (b) => ({ text: `Polls are open from 9:30 a.m. to 8 p.m. [${hoursPassage(b).n}].` });
    await ask("My email is jean.tremblay@example.org and my phone 514-555-0101, what are the polling hours on election day?");
    const sent = JSON.stringify(llm.requests.at(-1));
    expect(sent).not.toContain("jean.tremblay");
    expect(sent).not.toContain("555-0101");
    expect(sent).toContain("[EMAIL]");
  });
});

describe("LLM composer with the model server down", () => {
  it("answers from the extractive composer, and the log says the model could not be reached", async () => {
    // A port that was just free: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await startTestServer({ COMPOSER: "llm", LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, LLM_API_KEY: "sk-test", LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "3000" });
    try {
      const res = await fetch(`${down.url}/api/chat`, { method: "POST", headers: { accept: "text/event-stream" }, body: JSON.stringify({ message: "What are the polling hours on election day?" }) });
      const final = (await readSse(res)).find((e) => e.event === "answer");
      const env = EnvelopeSchema.parse(JSON.parse(final!.data));
      expect(env).toMatchObject({ kind: "answer", provenance: { generator: "extractive" } });
      const row = await down.runtime.deps.log.db.query<{ body: string }>("SELECT body FROM audit_events WHERE turn_id = $1", [env.id]);
      const trail = (JSON.parse(row.rows[0]!.body) as { diagnostics: { trail: { step: string; detail: string }[] } }).diagnostics.trail;
      expect(trail.find((t) => t.step === "llm.failed")?.detail).toMatch(/Cannot connect to API/);
    } finally {
      await down.close();
    }
  });
});

describe("LLM composer with a model slower than LLM_TIMEOUT_MS", () => {
  it("stops waiting at the model's own timeout and answers from the extractive composer; the log says why", async () => {
    const slow = await startFakeOpenAI(() => ({ text: "Too late [1].", firstTokenDelayMs: 5_000 }));
    const srvSlow = await startTestServer({ COMPOSER: "llm", LLM_BASE_URL: slow.url, LLM_API_KEY: "sk-test", LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: "300" });
    try {
      const res = await fetch(`${srvSlow.url}/api/chat`, { method: "POST", headers: { accept: "text/event-stream" }, body: JSON.stringify({ message: "What are the polling hours on election day?" }) });
      const events = await readSse(res);
      const env = EnvelopeSchema.parse(JSON.parse(events.find((e) => e.event === "answer")!.data));
      expect(env).toMatchObject({ kind: "answer", provenance: { generator: "extractive" } });
      expect(events.map((e) => e.data).join("")).not.toContain("Too late");
      const row = await srvSlow.runtime.deps.log.db.query<{ body: string }>("SELECT body FROM audit_events WHERE turn_id = $1", [env.id]);
      const trail = (JSON.parse(row.rows[0]!.body) as { diagnostics: { trail: { step: string; detail: string }[] } }).diagnostics.trail;
      expect(trail.find((t) => t.step === "llm.failed")?.detail).toMatch(/aborted \(timeout\)/);
    } finally {
      await srvSlow.close();
      await slow.close();
    }
  });
});
