import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, toErrorBody } from "../contract/errors.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { limitBody } from "./body-limit.js";
import { chatRoutes } from "./chat.js";
import { consoleLogger, type EdgeOptions } from "./edge.js";
import { metricsRoute, observeRequests, partyCors, publicCors, rateLimit, securityHeaders } from "./protect.js";
import { turnStatusRoutes } from "./turn-status.js";

export interface AppDeps extends PipelineDeps {
  /** Readiness details for /api/health. */
  health: () => Promise<{ ready: boolean; details: Record<string, unknown> }>;
  publicKeys: () => Promise<unknown[]>;
  /** Extra routes mounted by other features (audit, widget, transparency). */
  mount?: (app: Hono) => void;
  /** Protection and observability supplied by the runtime (rate limits, CORS, deadline, logs, metrics). */
  edge?: EdgeOptions;
}

/** What a party's page calls from the browser (the widget). */
const WIDGET_API = ["/api/chat", "/api/turns/*", "/api/widget/config"] as const;

export const MAX_BODY_BYTES = 16 * 1024;

/** Builds the HTTP app; the Node server and the Workers entry both serve it. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const edge = deps.edge ?? {};
  const logger = edge.logger ?? consoleLogger;
  app.use("*", observeRequests(edge));
  app.use("*", securityHeaders());
  if (edge.allowedOrigins && edge.allowedOrigins.length > 0) for (const p of WIDGET_API) app.use(p, partyCors(edge.allowedOrigins));
  app.use("/api/keys", publicCors());
  app.on("POST", "/api/chat", rateLimit(edge));
  app.get("/metrics", metricsRoute(edge));
  app.use("/api/*", limitBody(MAX_BODY_BYTES));
  app.route("/", chatRoutes(deps, edge));
  app.route("/", turnStatusRoutes(deps.log));
  app.get("/api/health", async (c) => {
    const h = await deps.health();
    return c.json({ status: h.ready ? "ok" : "unavailable", ...h.details }, h.ready ? 200 : 503);
  });
  app.get("/api/keys", async (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json({ keys: await deps.publicKeys() });
  });
  deps.mount?.(app);
  app.notFound((c) => c.json(toErrorBody(new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`)), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(toErrorBody(err), err.status as 400);
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? "payload_too_large" : err.status === 401 ? "unauthorized" : err.status === 403 ? "forbidden" : "invalid_request";
      return c.json(toErrorBody(new AppError(code, err.message || code)), err.status);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, "unhandled error");
    return c.json(toErrorBody(new AppError("internal", "internal")), 500);
  });
  return app;
}
