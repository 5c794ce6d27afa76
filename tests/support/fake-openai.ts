import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake model does with one Chat Completions request. */
export type FakeReply =
  | {
      text: string;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      /** Streams the first content chunk, then waits for this before the rest: a turn held mid-stream for as long as a test needs. */
      holdAfterFirst?: Promise<void>;
    }
  | { status: number; error: string };

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
}

export interface FakeOpenAI {
  /** Base URL including /v1, as createOpenAI({ baseURL }) expects. */
  url: string;
  requests: ChatRequestBody[];
  close(): Promise<void>;
}

/** Passages as the prompt numbers them: `<passage n="1" …>text</passage>`. */
export function passagesOf(body: ChatRequestBody): { n: number; text: string }[] {
  const user = body.messages.find((m) => m.role === "user")?.content ?? "";
  return [...user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (s += d));
    req.on("end", () => resolve(s));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A real HTTP server speaking the OpenAI Chat Completions protocol (streaming and not),
 * whose replies are scripted per request: a stand-in for vLLM, Ollama or OpenAI itself.
 */
export async function startFakeOpenAI(script: (body: ChatRequestBody) => FakeReply): Promise<FakeOpenAI> {
  const requests: ChatRequestBody[] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    requests.push(body);
    const reply = script(body);
    if ("status" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: reply.error, type: "server_error" } }));
      return;
    }
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ id, object: "chat.completion", created, model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: reply.text }, finish_reason: "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if (reply.firstTokenDelayMs) await sleep(reply.firstTokenDelayMs);
    res.write(chunk({ role: "assistant", content: "" }, null));
    const size = reply.chunkSize ?? 8;
    for (let i = 0; i < reply.text.length; i += size) {
      res.write(chunk({ content: reply.text.slice(i, i + size) }, null));
      if (i === 0 && reply.holdAfterFirst) await reply.holdAfterFirst;
      if (reply.delayMs) await sleep(reply.delayMs);
    }
    res.write(chunk({}, "stop"));
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
