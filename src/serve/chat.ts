import { SpanStatusCode, type Span } from "@opentelemetry/api";
import { Hono } from "hono";
import { ChatRequestSchema, type ChatRequest, type Envelope } from "../contract/envelope.js";
import { AppError } from "../contract/errors.js";
import { answer, type AnswerEvent } from "../pipeline/answer.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { turnSignals } from "./deadline.js";
import { consoleLogger, type EdgeOptions } from "./edge.js";
import { tracer } from "./protect.js";
import { SSE_HEADERS, sseStream } from "./sse.js";

const FALLBACK_MESSAGE = "The answer could not be produced. Please contact Élections Québec: www.electionsquebec.qc.ca, 1-888-353-2846.";

/**
 * POST /api/chat. The body is read as JSON whatever its content type (curl -d sends a
 * form type); `Accept: text/event-stream` streams, anything else gets the JSON envelope.
 *
 * With a deadline, a turn that overruns it gets a clean `timeout` error; the pipeline is
 * told to stop (the model call is aborted, the extractive fallback takes over) and runs to
 * its end anyway, so whatever it produces is still logged: the log never misses a turn, and
 * an envelope reaches a client only after it is in the log.
 */
export function chatRoutes(deps: PipelineDeps, edge: EdgeOptions = {}) {
  const logger = edge.logger ?? consoleLogger;
  return new Hono().post("/api/chat", async (c) => {
    const req = await parseChatRequest(await c.req.text());
    const { signal, deadline, done } = turnSignals(c.req.raw.signal, edge.requestTimeoutMs);
    const accept = c.req.header("accept") ?? "";
    const stream = accept.includes("text/event-stream");
    // The pipeline runs to its end even past the deadline (the turn is logged): only then are the timer and listener freed.
    const turn = (onEvent?: (e: AnswerEvent) => void) => {
      const work = traced(deps, edge, req, stream, (span) => answer(req, deps, onEvent, signal).then((env) => annotate(span, env)));
      work.then(done, done);
      return work;
    };
    if (!stream) return c.json(await beforeDeadline(turn(), deadline, edge, logger));
    const { body, sink } = sseStream();
    const relay = async () => {
      // After a failure (a timeout, say) the turn goes on to be logged, but the client has its error event: no more deltas.
      let failed = false;
      try {
        const envelope = await beforeDeadline(
          turn((e) => {
            if (!failed) sink.send(e.type, e.type === "delta" ? JSON.stringify({ text: e.text }) : "{}");
          }),
          deadline,
          edge,
          logger,
        );
        sink.send("answer", JSON.stringify(envelope));
      } catch (err) {
        failed = true;
        const code = err instanceof AppError ? err.code : "internal";
        const message = err instanceof AppError ? err.message : FALLBACK_MESSAGE;
        sink.send("error", JSON.stringify({ error: { code, message } }));
        if (!(err instanceof AppError)) logger.error({ err }, "chat stream failed");
      } finally {
        sink.close();
      }
    };
    relay().catch((err: unknown) => logger.error({ err }, "chat stream failed"));
    await yieldToIo();
    return c.body(body, 200, SSE_HEADERS);
  });
}

/**
 * Lets the turn run to its first wait on I/O (in LLM mode, the model request going out)
 * before the response's headers are written: their socket write would otherwise come first
 * and sit on the path of the first token. The headers leave one event-loop turn later.
 */
const yieldToIo = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** The turn, or a `timeout` error when the deadline passes first (the turn keeps running and is logged). */
function beforeDeadline(work: Promise<Envelope>, deadline: AbortSignal | null, edge: EdgeOptions, logger: NonNullable<EdgeOptions["logger"]>): Promise<Envelope> {
  if (!deadline) return work;
  return new Promise((resolve, reject) => {
    const onTimeout = () => {
      edge.telemetry?.turnTimedOut();
      logger.warn({ deadlineMs: edge.requestTimeoutMs }, "chat turn exceeded its deadline; the client got a timeout error, the turn is logged when it completes");
      reject(new AppError("timeout", "The answer took too long. Please try again, or contact Élections Québec: www.electionsquebec.qc.ca, 1-888-353-2846."));
    };
    if (deadline.aborted) onTimeout();
    else deadline.addEventListener("abort", onTimeout, { once: true });
    work.then(
      (env) => {
        deadline.removeEventListener("abort", onTimeout);
        resolve(env);
      },
      (err: unknown) => {
        deadline.removeEventListener("abort", onTimeout);
        if (deadline.aborted) logger.error({ err }, "chat turn failed after its deadline");
        reject(err);
      },
    );
  });
}

/**
 * A `chat {model}` span following the OpenTelemetry GenAI semantic conventions around the
 * whole turn (a no-op unless the runtime registered a tracer provider). No question or
 * answer text goes into spans: only ids, models and the kind of answer.
 */
function traced(deps: PipelineDeps, edge: EdgeOptions, req: ChatRequest, stream: boolean, fn: (span: Span) => Promise<Envelope>): Promise<Envelope> {
  const model = edge.model ?? { provider: deps.composer.name === "llm" ? "openai" : "scrutin", name: deps.composer.name };
  return tracer().startActiveSpan(
    `chat ${model.name}`,
    {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": model.provider,
        "gen_ai.request.model": model.name,
        "gen_ai.output.type": "text",
        "scrutin.stream": stream,
        ...(req.conversationId ? { "gen_ai.conversation.id": req.conversationId } : {}),
      },
    },
    async (span) => {
      try {
        return await fn(span);
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof AppError ? err.code : "internal" });
        span.setAttribute("error.type", err instanceof AppError ? err.code : err instanceof Error ? err.name : "internal");
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

function annotate(span: Span, env: Envelope): Envelope {
  span.setAttributes({
    "gen_ai.response.id": env.id,
    "gen_ai.response.model": env.provenance.model,
    "gen_ai.conversation.id": env.conversationId,
    "scrutin.answer.kind": env.kind,
    "scrutin.generator": env.provenance.generator,
    "scrutin.corpus.version": env.provenance.corpusVersion,
  });
  return env;
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
