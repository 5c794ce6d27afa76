import type { Config } from "../config/env.js";
import type { Runtime } from "../deps.js";
import { edgeFromConfig, type EdgeOptions, type Logger } from "../serve/edge.js";
import { fixedWindowLimiter, memoryRateLimitStore, type RateLimiter } from "../serve/rate-limit.js";
import { clientAddress } from "./client-address.js";
import { Metrics, metricsEndpoint } from "./metrics.js";
import { observeAppends } from "./observe-log.js";
import { postgresRateLimitStore } from "./pg-rate-limit.js";

/**
 * The Node side of the app's protection and observability: client address from the socket
 * (or trusted proxies), rate limits counted in Postgres when the store is shared and in
 * memory otherwise, prom-client metrics, pino logs, the turn deadline and CORS origins.
 */
export async function nodeEdge(runtime: Runtime, config: Config, logger: Logger): Promise<{ edge: EdgeOptions; metrics: Metrics }> {
  const metrics = new Metrics();
  observeAppends(runtime.deps.log, metrics, logger);
  let rateLimiter: RateLimiter | undefined;
  if (config.RATE_LIMIT_PER_CLIENT > 0 || config.RATE_LIMIT_GLOBAL > 0) {
    const store = runtime.deps.log.db.dialect === "postgres" ? await postgresRateLimitStore(runtime.deps.log.db) : memoryRateLimitStore();
    rateLimiter = fixedWindowLimiter(store, { perClient: config.RATE_LIMIT_PER_CLIENT, global: config.RATE_LIMIT_GLOBAL, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS });
  }
  const edge: EdgeOptions = {
    ...edgeFromConfig(config),
    clientAddress: clientAddress(config.TRUST_PROXY),
    logger,
    telemetry: metrics,
    ...(rateLimiter ? { rateLimiter } : {}),
    ...(config.METRICS_TOKEN ? { metrics: metricsEndpoint(metrics, config.METRICS_TOKEN) } : {}),
  };
  return { edge, metrics };
}
