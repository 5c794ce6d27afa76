import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { startTracing, type Tracing } from "../src/runtime/tracing.js";
import { startEdgeServer, type EdgeServer } from "./support/edge-server.js";

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: { key: string; value: OtlpValue }[] }
interface OtlpExport { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }

const attrs = (s: { attributes: { key: string; value: OtlpValue }[] }) =>
  Object.fromEntries(s.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.boolValue ?? (a.value.intValue === undefined ? undefined : Number(a.value.intValue))]));

/** A local OTLP/HTTP receiver: what a collector would get from the service. */
async function startReceiver(): Promise<{ url: string; exports: OtlpExport[]; contentTypes: string[]; close(): Promise<void> }> {
  const exports: OtlpExport[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/traces") {
        contentTypes.push(req.headers["content-type"] ?? "");
        exports.push(JSON.parse(body) as OtlpExport);
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports, contentTypes, close: () => new Promise((r) => server.close(() => r())) };
}

describe("OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT set)", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tracing: Tracing | null;
  let srv: EdgeServer;
  beforeAll(async () => {
    receiver = await startReceiver();
    tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "scrutin-test", SCRUTIN_WORKER_INDEX: undefined });
    srv = await startEdgeServer({ RATE_LIMIT_PER_CLIENT: "0" });
  });
  afterAll(async () => {
    await srv?.close();
    await receiver?.close();
  });

  it("exports a `chat {model}` span with GenAI attributes, inside the HTTP span, with the audit append as a child", async () => {
    expect(startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: "x", SCRUTIN_WORKER_INDEX: undefined })).toBeNull();
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message: "Quelles pièces d'identité dois-je présenter pour voter?" }) });
    const env = EnvelopeSchema.parse(await res.json());
    await tracing!.shutdown(); // flushes the batch to the receiver

    expect(receiver.contentTypes[0]).toContain("application/json");
    const resource = attrs(receiver.exports[0]!.resourceSpans[0]!.resource);
    expect(resource["service.name"]).toBe("scrutin-test");
    const spans = receiver.exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const chat = spans.find((s) => s.name === "chat extractive");
    expect(chat, `spans: ${spans.map((s) => s.name).join(", ")}`).toBeDefined();
    expect(attrs(chat!)).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "scrutin",
      "gen_ai.request.model": "extractive",
      "gen_ai.response.model": env.provenance.model,
      "gen_ai.response.id": env.id,
      "gen_ai.conversation.id": env.conversationId,
      "scrutin.answer.kind": "answer",
    });
    const http = spans.find((s) => s.spanId === chat!.parentSpanId);
    expect(http?.name).toBe("POST /api/chat");
    expect(attrs(http!)).toMatchObject({ "http.request.method": "POST", "http.route": "/api/chat", "http.response.status_code": 200 });
    const append = spans.find((s) => s.name === "audit.append" && s.parentSpanId === chat!.spanId);
    expect(attrs(append!)).toMatchObject({ "scrutin.audit.type": "turn" });
    // Spans carry ids and models, never the voter's words.
    expect(JSON.stringify(receiver.exports)).not.toContain("identité");
  });
});
