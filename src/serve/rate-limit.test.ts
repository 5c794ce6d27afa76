import { describe, expect, it } from "vitest";
import { fixedWindowLimiter, memoryRateLimitStore } from "./rate-limit.js";

describe("fixed-window rate limiting", () => {
  it("admits a client's budget per window, then refuses with the seconds left in the window", async () => {
    const limiter = fixedWindowLimiter(memoryRateLimitStore(), { perClient: 2, global: 0, windowSeconds: 60 });
    const t = 120_000 + 15_000;
    expect(await limiter.check("a", t)).toEqual({ ok: true });
    expect(await limiter.check("a", t)).toEqual({ ok: true });
    expect(await limiter.check("a", t)).toEqual({ ok: false, scope: "client", retryAfterSeconds: 45 });
    expect(await limiter.check("b", t)).toEqual({ ok: true });
    expect(await limiter.check("a", 180_000)).toEqual({ ok: true });
  });

  it("caps the whole service, and a client refused on its own budget does not use up the global one", async () => {
    const limiter = fixedWindowLimiter(memoryRateLimitStore(), { perClient: 1, global: 2, windowSeconds: 10 });
    expect(await limiter.check("a", 0)).toEqual({ ok: true });
    for (let i = 0; i < 5; i++) expect((await limiter.check("a", 0)).ok).toBe(false);
    expect(await limiter.check("b", 0)).toEqual({ ok: true });
    expect(await limiter.check("c", 0)).toEqual({ ok: false, scope: "global", retryAfterSeconds: 10 });
  });
});
