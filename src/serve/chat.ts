import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { ChatRequestSchema, type ChatRequest } from "../contract/envelope.js";
import { AppError } from "../contract/errors.js";
import { answer } from "../pipeline/answer.js";
import type { PipelineDeps } from "../pipeline/deps.js";

/**
 * POST /api/chat. The body is read as JSON whatever its content type (curl -d sends a
 * form type); `Accept: text/event-stream` streams, anything else gets the JSON envelope.
 */
export function chatRoutes(deps: PipelineDeps) {
  return new Hono().post("/api/chat", async (c) => {
    const req = await parseChatRequest(await c.req.text());
    const accept = c.req.header("accept") ?? "";
    if (!accept.includes("text/event-stream")) return c.json(await answer(req, deps, undefined, c.req.raw.signal));
    return streamSSE(c, async (stream) => {
      const queue: Promise<void>[] = [];
      try {
        const envelope = await answer(req, deps, (e) => {
          queue.push(e.type === "delta" ? stream.writeSSE({ event: "delta", data: JSON.stringify({ text: e.text }) }) : stream.writeSSE({ event: "reset", data: "{}" }));
        });
        await Promise.all(queue);
        await stream.writeSSE({ event: "answer", data: JSON.stringify(envelope) });
      } catch (err) {
        await Promise.all(queue);
        const code = err instanceof AppError ? err.code : "internal";
        const message = err instanceof AppError ? err.message : "The answer could not be produced. Please contact Élections Québec: www.electionsquebec.qc.ca, 1-888-353-2846.";
        await stream.writeSSE({ event: "error", data: JSON.stringify({ error: { code, message } }) });
        if (!(err instanceof AppError)) console.error("chat stream failed", err);
      }
    });
  });
}

export async function parseChatRequest(raw: string): Promise<ChatRequest> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("invalid_json", "The request body must be a JSON object such as {\"message\":\"…\"}.");
  }
  const r = ChatRequestSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("invalid_request", `Invalid request: ${issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; ")}`, issues);
  }
  return r.data;
}
