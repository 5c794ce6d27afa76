import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema, type Envelope } from "../src/contract/envelope.js";
import { verifyEnvelope } from "../src/seal/sign.js";
import { readSse, startTestServer, type TestServer } from "./support/runtime.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

const chat = (body: unknown, accept = "application/json", raw?: string) =>
  fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept, "content-type": "application/json" }, body: raw ?? JSON.stringify(body) });
const keys = async () => ((await (await fetch(`${srv.url}/api/keys`)).json()) as { keys: { kid: string; x: string }[] }).keys;

describe("POST /api/chat (JSON)", () => {
  it("answers the French ID question with citations, label, link and a valid signature", async () => {
    const res = await chat({ message: "Quelles pièces d'identité dois-je présenter pour voter?" });
    expect(res.status).toBe(200);
    const env = EnvelopeSchema.parse(await res.json());
    expect(env).toMatchObject({ kind: "answer", lang: "fr", aiGenerated: true });
    expect(env.citations[0]!.url).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\//);
    expect(env.citations[0]!.sourceId).toBe("identification-fr");
    expect(env.text).toContain("passeport canadien");
    expect(env.text).toContain("[1]");
    expect(env.text).toContain(env.label.text);
    expect(env.text).toContain("https://www.electionsquebec.qc.ca/");
    expect(env.text).toContain("1 888 353-2846");
    expect(await verifyEnvelope(env, await keys())).toBe(true);
  });

  it("answers the same question in English, in English", async () => {
    const env = EnvelopeSchema.parse(await (await chat({ message: "What ID do I need to show to vote?" })).json());
    expect(env).toMatchObject({ kind: "answer", lang: "en" });
    expect(env.citations[0]!.sourceId).toBe("identification-en");
    expect(env.text).toContain("Canadian passport");
    expect(env.label.text).toMatch(/^AI-generated/);
  });

  it("does not invent an answer to 'Who will win the election?'", async () => {
    const env = EnvelopeSchema.parse(await (await chat({ message: "Who will win the election?" })).json());
    expect(env.kind).toBe("refusal");
    expect(env.citations).toEqual([]);
    expect(env.text).toContain("https://www.electionsquebec.qc.ca/en/");
    expect(await verifyEnvelope(env, await keys())).toBe(true);
  });

  it("abstains, with the official link and phone, when the sources do not answer", async () => {
    const env = EnvelopeSchema.parse(await (await chat({ message: "Where can I park near my polling station on Papineau street?" })).json());
    expect(env.kind).toBe("abstain");
    expect(env.text).toContain("1-888-353-2846");
    expect(env.officialLink.url).toBe("https://www.electionsquebec.qc.ca/en/");
  });

  it("uses the conversation for a short follow-up", async () => {
    const first = EnvelopeSchema.parse(await (await chat({ message: "Does my employer have to let me go vote?" })).json());
    const follow = EnvelopeSchema.parse(await (await chat({ message: "and what are the hours?", conversationId: first.conversationId })).json());
    expect(follow.conversationId).toBe(first.conversationId);
    expect(follow.kind).toBe("answer");
    expect(follow.text).toContain("9:30 a.m.");
  });

  it("logs every turn with its citations before answering", async () => {
    const env = EnvelopeSchema.parse(await (await chat({ message: "Quelles sont les heures d'ouverture des bureaux de vote?" })).json());
    const rows = await srv.runtime.deps.log.db.query<{ header: string; body: string }>("SELECT header, body FROM audit_events WHERE turn_id = $1", [env.id]);
    expect(rows.rows).toHaveLength(1);
    const header = JSON.parse(rows.rows[0]!.header);
    expect(header.citations.map((c: { chunkId: string }) => c.chunkId)).toEqual(env.citations.map((c) => c.chunkId));
    expect(header.retrieval.hits.length).toBeGreaterThan(0);
    expect(header.corpusVersion).toBe(env.provenance.corpusVersion);
    expect(JSON.parse(rows.rows[0]!.body).envelope).toEqual(env);
  });
});

describe("POST /api/chat (SSE)", () => {
  it("streams text deltas and ends with the same envelope the JSON API returns", async () => {
    const res = await chat({ message: "Quelles pièces d'identité dois-je présenter pour voter?" }, "text/event-stream");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(res);
    const deltas = events.filter((e) => e.event === "delta").map((e) => JSON.parse(e.data).text as string);
    const final = events.at(-1)!;
    expect(final.event).toBe("answer");
    const env: Envelope = EnvelopeSchema.parse(JSON.parse(final.data));
    // The extractive answer arrives whole and the stream screen judges it once, when it is
    // verified: its text, then the footer — deltas whose sum is the text.
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join("")).toBe(env.text);
    expect(await verifyEnvelope(env, await keys())).toBe(true);
    const json = EnvelopeSchema.parse(await (await chat({ message: "Quelles pièces d'identité dois-je présenter pour voter?" })).json());
    const strip = (e: Envelope) => ({ ...e, id: "", conversationId: "", signature: null, provenance: { ...e.provenance, createdAt: "" } });
    expect(strip(env)).toEqual(strip(json));
  });
});

describe("bad input", () => {
  it.each([
    ["an empty message", { message: "   " }, "invalid_request"],
    ["a message over 2000 characters", { message: "x".repeat(2001) }, "invalid_request"],
    ["an unknown field", { message: "hi", role: "system" }, "invalid_request"],
    ["a bad language", { message: "hi", lang: "de" }, "invalid_request"],
    ["a bad conversation id", { message: "hi", conversationId: "../../etc" }, "invalid_request"],
  ])("rejects %s with 400 and a JSON error", async (_l, body, code) => {
    const res = await chat(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it("rejects malformed JSON with 400", async () => {
    const res = await chat(null, "application/json", "{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("rejects a body over the size limit with 413", async () => {
    const res = await chat(null, "application/json", JSON.stringify({ message: "a".repeat(40_000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("rejects an oversized body sent without a length (chunked) with 413", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ message: "a".repeat(40_000) }));
    const body = new ReadableStream<Uint8Array>({
      start(ctrl) {
        for (let i = 0; i < bytes.length; i += 4096) ctrl.enqueue(bytes.slice(i, i + 4096));
        ctrl.close();
      },
    });
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers a small body sent without a length (chunked)", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ message: "What ID do I need to show to vote?" }));
    const body = new ReadableStream<Uint8Array>({ start: (ctrl) => (ctrl.enqueue(bytes), ctrl.close()) });
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(200);
    expect(EnvelopeSchema.parse(await res.json()).kind).toBe("answer");
  });

  it("accepts curl's default form content type for a JSON body", async () => {
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" }, body: JSON.stringify({ message: "What ID do I need?" }) });
    expect(res.status).toBe(200);
  });

  it("loses nothing already stored when a request is rejected", async () => {
    const before = await srv.runtime.deps.log.count();
    await chat({ message: "" });
    await chat(null, "application/json", "{");
    expect(await srv.runtime.deps.log.count()).toBe(before);
  });
});

describe("GET /api/health and /api/keys", () => {
  it("reports the loaded index and a reachable store", async () => {
    const res = await fetch(`${srv.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", index: { loaded: true, documents: 4 }, store: { reachable: true } });
  });

  it("publishes Ed25519 public keys as a JWK set", async () => {
    const k = await keys();
    expect(k[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: expect.any(String), x: expect.any(String) });
    expect(k[0]).not.toHaveProperty("d");
  });
});
