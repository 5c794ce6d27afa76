import { Hono, type Context } from "hono";

/** A built browser script, ready to serve. `gzip` is optional for hosts that compress themselves. */
export interface StaticScript {
  code: string;
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface WidgetBundles {
  widget: StaticScript;
  verify: StaticScript;
}

export interface WidgetPublicConfig {
  retentionDays: number;
  partyName: string;
}

/**
 * GET /widget.js (the embed), GET /verify.js (the /verify page's script) and
 * GET /api/widget/config (what the widget's disclosure needs). Scripts are loaded by party
 * sites on other origins, hence `cross-origin-resource-policy: cross-origin`; they are
 * revalidated every five minutes by ETag so a fix reaches every site quickly.
 */
export function widgetRoutes(bundles: () => Promise<WidgetBundles>, config: WidgetPublicConfig): Hono {
  const app = new Hono();
  const serve = (pick: (b: WidgetBundles) => StaticScript) => async (c: Context) => {
    const script = pick(await bundles());
    const headers: Record<string, string> = {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300, stale-while-revalidate=86400",
      etag: script.etag,
      vary: "accept-encoding",
      "cross-origin-resource-policy": "cross-origin",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
    };
    const match = (c.req.header("if-none-match") ?? "").split(",").some((t) => t.trim() === script.etag);
    if (match) return c.body(null, 304, headers);
    if (script.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      return c.body(script.gzip, 200, { ...headers, "content-encoding": "gzip" });
    }
    return c.body(script.code, 200, headers);
  };
  app.get("/widget.js", serve((b) => b.widget));
  app.get("/verify.js", serve((b) => b.verify));
  app.get("/api/widget/config", (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json({ retentionDays: config.retentionDays, party: { name: config.partyName } });
  });
  return app;
}
