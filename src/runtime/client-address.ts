import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The client's address for rate limiting. By default the TCP peer; behind `trustedProxies`
 * reverse proxies, the X-Forwarded-For entry that the outermost trusted proxy appended
 * (entries further left are written by the client and can be forged).
 */
export function clientAddress(trustedProxies: number): (c: Context) => string | undefined {
  return (c) => {
    const peer = safePeer(c);
    if (trustedProxies === 0) return peer;
    const chain = (c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    // With n trusted proxies, the last n entries were appended by them; the client is the n-th from the right.
    return chain.length >= trustedProxies ? chain[chain.length - trustedProxies] : (chain[0] ?? peer);
  };
}

function safePeer(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
