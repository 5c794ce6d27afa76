import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { startEdgeServer, type EdgeServer } from "./support/edge-server.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { readSse } from "./support/runtime.js";

const QUESTION = JSON.stringify({ message: "Quelles pièces d'identité dois-je présenter pour voter?" });
const TOKEN = "metrics-token-0123456789";
const ask = (url: string, headers: Record<string, string> = {}, body = QUESTION) => fetch(`${url}/api/chat`, { method: "POST", headers: { accept: "application/json", ...headers }, body });

describe("rate limits", () => {
  let srv: EdgeServer;
  afterEach(async () => srv?.close());

  it("answers a client's budget, then 429 with Retry-After and a JSON rate_limited error, while another client is still served", async () => {
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "2", RATE_LIMIT_GLOBAL: "0", TRUST_PROXY: "1" });
    const a = { "x-forwarded-for": "203.0.113.7" };
    expect((await ask(srv.url, a)).status).toBe(200);
    expect((await ask(srv.url, a)).status).toBe(200);
    const refused = await ask(srv.url, a);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600); // at most the window (the test server uses an hour)
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", details: { scope: "client", retryAfterSeconds: retryAfter } } });
    expect((await ask(srv.url, { "x-forwarded-for": "203.0.113.8" })).status).toBe(200);
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY says a proxy writes it: a client cannot dodge its limit by forging it", async () => {
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "1", RATE_LIMIT_GLOBAL: "0" });
    expect((await ask(srv.url, { "x-forwarded-for": "198.51.100.1" })).status).toBe(200);
    expect((await ask(srv.url, { "x-forwarded-for": "198.51.100.2" })).status).toBe(429);
  });

  it("behind two trusted proxies, takes the client from the second entry from the right, ignoring what the client wrote before it", async () => {
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "1", RATE_LIMIT_GLOBAL: "0", TRUST_PROXY: "2" });
    expect((await ask(srv.url, { "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.1" })).status).toBe(200);
    expect((await ask(srv.url, { "x-forwarded-for": "2.2.2.2, 203.0.113.9, 10.0.0.1" })).status).toBe(429);
    expect((await ask(srv.url, { "x-forwarded-for": "1.1.1.1, 203.0.113.10, 10.0.0.1" })).status).toBe(200);
  });

  it("caps the whole service with the global budget", async () => {
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "0", RATE_LIMIT_GLOBAL: "2", TRUST_PROXY: "1" });
    const codes = [];
    for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) codes.push((await ask(srv.url, { "x-forwarded-for": ip })).status);
    expect(codes).toEqual([200, 200, 429]);
    const body = (await (await ask(srv.url, { "x-forwarded-for": "192.0.2.4" })).json()) as { error: { details: { scope: string } } };
    expect(body.error.details.scope).toBe("global");
  });
});

describe("CORS, security headers and size limits", () => {
  let srv: EdgeServer;
  beforeAll(async () => {
    srv = await startEdgeServer({ ALLOWED_ORIGINS: "https://parti.example", RATE_LIMIT_PER_CLIENT: "1" });
  });
  afterAll(async () => srv?.close());

  it("lets a configured party origin call the chat API from a browser, and read Retry-After", async () => {
    const pre = await fetch(`${srv.url}/api/chat`, { method: "OPTIONS", headers: { origin: "https://parti.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://parti.example");
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
    await ask(srv.url, { origin: "https://parti.example" });
    const limited = await ask(srv.url, { origin: "https://parti.example" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("access-control-allow-origin")).toBe("https://parti.example");
    expect(limited.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("retry-after");
    const status = await fetch(`${srv.url}/api/turns/status?ids=x`, { headers: { origin: "https://parti.example" } });
    expect(status.headers.get("access-control-allow-origin")).toBe("https://parti.example");
  });

  it("gives any other origin no CORS permission", async () => {
    const pre = await fetch(`${srv.url}/api/chat`, { method: "OPTIONS", headers: { origin: "https://intrus.example", "access-control-request-method": "POST" } });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const res = await fetch(`${srv.url}/api/widget/config`, { headers: { origin: "https://intrus.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers, without overriding the widget's cross-origin script policy or the pages' CSP", async () => {
    const api = await fetch(`${srv.url}/api/health`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(api.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(api.headers.get("referrer-policy")).toBe("no-referrer");
    const widget = await fetch(`${srv.url}/widget.js`);
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const page = await fetch(`${srv.url}/transparency`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const keys = await fetch(`${srv.url}/api/keys`, { headers: { origin: "https://anyone.example" } });
    expect(keys.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("rejects a message over 2000 characters with 400 and a body over 16 KB with 413", async () => {
    const fresh = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "0" });
    try {
      const tooLong = await ask(fresh.url, {}, JSON.stringify({ message: "a".repeat(2001) }));
      expect(tooLong.status).toBe(400);
      expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
      const tooBig = await ask(fresh.url, {}, JSON.stringify({ message: "a", pad: "x".repeat(17 * 1024) }));
      expect(tooBig.status).toBe(413);
    } finally {
      await fresh.close();
    }
  });
});

describe("the turn deadline", () => {
  let llm: FakeOpenAI;
  let srv: EdgeServer;
  beforeAll(async () => {
    // A model that takes 4 s to say anything, under a 600 ms deadline.
    llm = await startFakeOpenAI(() => ({ text: "Trop tard.", firstTokenDelayMs: 4000 }));
    srv = await startEdgeServer({ COMPOSER: "llm", LLM_BASE_URL: llm.url, LLM_TIMEOUT_MS: "20000", REQUEST_TIMEOUT_MS: "600", RATE_LIMIT_PER_CLIENT: "0" });
  });
  afterAll(async () => {
    await srv?.close();
    await llm?.close();
  });

  const turnsLogged = async () => Number((await srv.runtime.deps.log.db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE type = 'turn'")).rows[0]!.n);

  it("answers an overrunning JSON turn with a clean 504 timeout error, and the turn is still logged when it completes", async () => {
    const before = await turnsLogged();
    const t0 = performance.now();
    const res = await ask(srv.url);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: { code: "timeout" } });
    // The deadline aborted the model call; the extractive fallback finishes the turn, which lands in the log.
    await expect.poll(turnsLogged, { timeout: 5000 }).toBe(before + 1);
    const logged = (await srv.runtime.deps.log.db.query<{ header: string }>("SELECT header FROM audit_events WHERE type = 'turn' ORDER BY seq DESC LIMIT 1")).rows[0]!;
    expect(JSON.parse(logged.header)).toMatchObject({ generator: "extractive" });
    expect(srv.logLines.some((l) => String(l.msg).includes("exceeded its deadline"))).toBe(true);
  });

  it("ends an overrunning stream with an error event named timeout, not a half answer", async () => {
    const res = await ask(srv.url, { accept: "text/event-stream" });
    const events = await readSse(res);
    expect(events.map((e) => e.event)).not.toContain("answer");
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(JSON.parse(last.data)).toMatchObject({ error: { code: "timeout" } });
  });
});

describe("GET /metrics", () => {
  let srv: EdgeServer;
  afterEach(async () => srv?.close());

  it("is not served without METRICS_TOKEN", async () => {
    srv = await startEdgeServer();
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(404);
  });

  it("needs the bearer token, then reports turns by kind, guard verdicts, latencies and audit write latency", async () => {
    srv = await startEdgeServer({ METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_CLIENT: "0" });
    EnvelopeSchema.parse(await (await ask(srv.url)).json());
    await ask(srv.url, {}, JSON.stringify({ message: "Pour quel parti devrais-je voter?" }));
    await ask(srv.url, {}, JSON.stringify({ message: "Mon courriel est jean.tremblay@example.com, où voter?" }));
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${srv.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const res = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    // Two answers: the ID question, and "où voter?" asked with an e-mail address (redacted, and
    // the placeholder does not make the question unanswerable).
    expect(text).toMatch(/scrutin_turns_total\{kind="answer",generator="extractive",lang="fr"\} 2/);
    expect(text).toMatch(/scrutin_turns_total\{kind="refusal",[^}]*\} 1/);
    expect(text).toMatch(/scrutin_guard_category_total\{category="partisan"\} 1/);
    expect(text).toMatch(/scrutin_guard_verdicts_total\{name="[^"]+"\} [1-9]/);
    expect(text).toMatch(/scrutin_pii_redactions_total\{kind="[^"]+"\} 1/);
    expect(text).toMatch(/scrutin_turn_duration_seconds_count\{kind="answer",generator="extractive"\} 2/);
    expect(text).toMatch(/scrutin_audit_append_seconds_count\{type="turn"\} 3/);
    expect(text).toMatch(/scrutin_http_requests_total\{method="POST",route="\/api\/chat",status="200"\} 3/);
    expect(text).toMatch(/scrutin_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/api\/chat"\}/);
    expect(text).toContain("process_resident_memory_bytes");
  });

  it("logs structured JSON lines with ids and timings, never the question", async () => {
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "0" });
    const env = EnvelopeSchema.parse(await (await ask(srv.url)).json());
    const line = srv.logLines.find((l) => l.msg === "turn logged");
    expect(line).toMatchObject({ level: 30, turnId: env.id, kind: "answer", generator: "extractive", category: "in_scope" });
    expect(JSON.stringify(srv.logLines)).not.toContain("pièces d'identité");
  });
});
