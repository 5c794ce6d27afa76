import type { Context } from "hono";
import type { Config } from "../config/env.js";
import type { RateLimiter } from "./rate-limit.js";

/** Structured log lines: fields first, then a message (pino's shape, so pino fits as is). */
export interface Logger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/** One HTTP request as observed at the edge of the app. */
export interface RequestObservation {
  method: string;
  /** The matched route pattern (not the raw path, whose ids would explode label sets). */
  route: string;
  status: number;
  seconds: number;
}

/** Where the app reports what it sees; Node wires prom-client, Workers may wire nothing. */
export interface Telemetry {
  request(o: RequestObservation): void;
  rateLimited(scope: "client" | "global"): void;
  turnTimedOut(): void;
}

/** Text exposition of the metrics (Prometheus format), and who may read it. */
export interface MetricsEndpoint {
  token: string;
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * What protects and observes the app at scale. Every part is optional: createApp without
 * it behaves as a bare app (tests, tools), and each runtime (Node, Workers) supplies its own
 * pieces through these small interfaces, so the app itself stays runtime-neutral.
 */
export interface EdgeOptions {
  /** The caller's address as the runtime sees it (socket, or trusted proxy header); undefined when unknown. */
  clientAddress?: (c: Context) => string | undefined;
  rateLimiter?: RateLimiter;
  /** Party sites allowed to call the API from a browser. Empty: same-origin only. */
  allowedOrigins?: readonly string[];
  /** Deadline of one chat turn. */
  requestTimeoutMs?: number;
  logger?: Logger;
  telemetry?: Telemetry;
  metrics?: MetricsEndpoint;
  /** The configured generator, for GenAI span names and attributes (`chat {model}`). */
  model?: { provider: string; name: string };
}

/**
 * The parts of the edge that come straight from the configuration, the same on every
 * runtime: party origins for CORS, the turn deadline, and the generator named in spans.
 * Each runtime adds its own client address, rate-limit store, logger and metrics.
 */
export function edgeFromConfig(config: Pick<Config, "ALLOWED_ORIGINS" | "REQUEST_TIMEOUT_MS" | "COMPOSER" | "LLM_MODEL">): EdgeOptions {
  return {
    allowedOrigins: config.ALLOWED_ORIGINS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    model: config.COMPOSER === "llm" ? { provider: "openai", name: config.LLM_MODEL } : { provider: "scrutin", name: "extractive" },
  };
}

/** The client address from a header the platform's own edge sets and clients cannot (Cloudflare: `cf-connecting-ip`). */
export const headerClientAddress =
  (name: string) =>
  (c: Context): string | undefined =>
    c.req.header(name);

/** The fallback logger: JSON lines on the console, which is what Workers collect. */
export const consoleLogger: Logger = {
  info: (fields, msg) => console.info(JSON.stringify({ level: "info", msg, ...fields })),
  warn: (fields, msg) => console.warn(JSON.stringify({ level: "warn", msg, ...fields })),
  error: (fields, msg) => console.error(JSON.stringify({ level: "error", msg, ...serialisable(fields) })),
};

function serialisable(fields: Record<string, unknown>): Record<string, unknown> {
  const err = fields.err;
  return err instanceof Error ? { ...fields, err: { type: err.name, message: err.message, stack: err.stack } } : fields;
}
