/**
 * Fixed-window rate limiting: a per-client budget and a global budget per window. The
 * counters live in a store: in memory for one process, or shared (Postgres) so that every
 * process of a cluster, and every instance behind a balancer, draws on the same budget.
 */
export interface RateLimitStore {
  /** Adds one to `key`'s counter for the window starting at `windowStart` (ms) and returns the new count. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
}

export interface RateLimitPolicy {
  /** Requests per client per window; 0 means unlimited. */
  perClient: number;
  /** Requests for the whole service per window; 0 means unlimited. */
  global: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; scope: "client" | "global"; retryAfterSeconds: number };

export interface RateLimiter {
  check(client: string, nowMs: number): Promise<RateDecision>;
}

/**
 * The client's budget is checked first and a refused request does not touch the global
 * one, so a single noisy client cannot use up everybody's budget.
 */
export function fixedWindowLimiter(store: RateLimitStore, policy: RateLimitPolicy): RateLimiter {
  const windowMs = policy.windowSeconds * 1000;
  return {
    async check(client, nowMs) {
      const start = Math.floor(nowMs / windowMs) * windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
      if (policy.perClient > 0 && (await store.hit(`c:${client}`, start, windowMs)) > policy.perClient) {
        return { ok: false, scope: "client", retryAfterSeconds };
      }
      if (policy.global > 0 && (await store.hit("g", start, windowMs)) > policy.global) {
        return { ok: false, scope: "global", retryAfterSeconds };
      }
      return { ok: true };
    },
  };
}

/** Counters in this process's memory: right for a single process, per-process in a cluster. */
export function memoryRateLimitStore(): RateLimitStore {
  const counters = new Map<string, { start: number; count: number }>();
  let latest = 0;
  return {
    async hit(key, windowStart) {
      // Once per new window, drop the finished windows' counters: the map holds one window's clients.
      if (windowStart > latest) {
        latest = windowStart;
        for (const [k, v] of counters) if (v.start < windowStart) counters.delete(k);
      }
      const c = counters.get(key);
      if (c && c.start === windowStart) return ++c.count;
      counters.set(key, { start: windowStart, count: 1 });
      return 1;
    },
  };
}
