import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { AppError, toErrorBody } from "../contract/errors.js";
import type { EdgeOptions } from "./edge.js";

/**
 * The service's tracer, looked up on each use rather than once at import: a tracer taken
 * before the runtime registers its provider (or from another copy of the API module) would
 * stay a no-op.
 */
export const tracer = () => trace.getTracer("scrutin");

/**
 * Security headers on every response. Routes that set their own (the widget's scripts are
 * `cross-origin-resource-policy: cross-origin`; pages carry their CSP and referrer policy)
 * keep them: these are defaults, not overrides.
 */
export const securityHeaders = (): MiddlewareHandler => secureHeaders({ overwrite: false });

/**
 * CORS for the endpoints the widget calls from a party's page: only the configured party
 * origins, no credentials, and `Retry-After` readable so the widget can say when to retry.
 * With no origin configured the API stays same-origin (no CORS headers at all).
 */
export function partyCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["content-type", "accept"],
    exposeHeaders: ["retry-after"],
    maxAge: 600,
  });
}

/** The public keys are for anyone to verify a signature with, from any page. */
export const publicCors = (): MiddlewareHandler => cors({ origin: "*", allowMethods: ["GET"] });

/** The route pattern, for metric labels; unmatched requests share one label. */
function routeOf(c: Context): string {
  const r = routePath(c, -1);
  return c.res.status === 404 && (r === "" || r.endsWith("*")) ? "unmatched" : r;
}

/** An HTTP server span and a request observation for each request (no client address: voters are not tracked). */
export function observeRequests(edge: EdgeOptions): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    // Named by method now and by route pattern once routing is known (raw paths would carry ids).
    await tracer().startActiveSpan(c.req.method, { kind: SpanKind.SERVER, attributes: { "http.request.method": c.req.method } }, async (span) => {
      try {
        await next();
      } finally {
        const route = routeOf(c);
        span.updateName(`${c.req.method} ${route}`);
        span.setAttributes({ "http.route": route, "http.response.status_code": c.res.status });
        if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        edge.telemetry?.request({ method: c.req.method, route, status: c.res.status, seconds: (performance.now() - started) / 1000 });
      }
    });
  });
}

/** 429 with Retry-After and a JSON `rate_limited` error once a client, or the service, is over budget. */
export function rateLimit(edge: EdgeOptions): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    if (!edge.rateLimiter || c.req.method === "OPTIONS") return next();
    const client = edge.clientAddress?.(c) ?? "unknown";
    const d = await edge.rateLimiter.check(client, Date.now());
    if (d.ok) return next();
    edge.telemetry?.rateLimited(d.scope);
    c.header("retry-after", String(d.retryAfterSeconds));
    const who = d.scope === "client" ? "Too many questions from this address" : "The service is receiving too many questions";
    return c.json(toErrorBody(new AppError("rate_limited", `${who}; please retry in ${d.retryAfterSeconds} s.`, { scope: d.scope, retryAfterSeconds: d.retryAfterSeconds })), 429);
  });
}

/** GET /metrics for a Prometheus scraper holding the bearer token; without one configured, there is no such route. */
export function metricsRoute(edge: EdgeOptions): MiddlewareHandler {
  return async (c) => {
    const m = edge.metrics;
    if (!m) return c.json(toErrorBody(new AppError("not_found", "No route for GET /metrics.")), 404);
    if (!constantTimeEqual(c.req.header("authorization") ?? "", `Bearer ${m.token}`)) {
      c.header("www-authenticate", 'Bearer realm="metrics"');
      return c.json(toErrorBody(new AppError("unauthorized", "GET /metrics needs the metrics bearer token.")), 401);
    }
    const { contentType, body } = await m.render();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
