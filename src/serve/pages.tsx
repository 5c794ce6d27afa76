/** @jsxImportSource hono/jsx */
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { z } from "zod";
import { LangSchema, type Lang } from "../contract/envelope.js";
import { AppError } from "../contract/errors.js";
import { DemoPage } from "../pages/demo.js";
import { HOSTILE_CSS, SITE_CSS } from "../pages/site-css.js";
import { TransparencyPage } from "../pages/transparency.js";
import type { TransparencyFacts } from "../pages/transparency-facts.js";
import { VerifyPage } from "../pages/verify.js";
import { widgetRoutes, type WidgetBundles } from "./widget.js";

/**
 * The strict Content-Security-Policy of the service's own pages: no inline script or style,
 * no eval, same-origin resources only, and Trusted Types required so no code can assign
 * HTML strings to the DOM.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join("; ");

export interface SiteDeps {
  facts: TransparencyFacts;
  publicKeys: () => Promise<unknown[]>;
  bundles: () => Promise<WidgetBundles>;
  demo: { enabled: boolean; partyName: string };
}

const PageQuerySchema = z.strictObject({ lang: LangSchema.optional(), hostile: z.enum(["0", "1"]).optional() });

/** ?lang=fr|en wins, then the fixed default if any, then the browser's Accept-Language, then French. */
function pageLang(c: Context, fixed?: Lang): Lang {
  const parsed = PageQuerySchema.safeParse(c.req.query());
  if (!parsed.success) throw new AppError("invalid_request", `Invalid query: ${parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ")}`);
  if (parsed.data.lang) return parsed.data.lang;
  if (fixed) return fixed;
  c.header("vary", "accept-language");
  const first = (c.req.header("accept-language") ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "fr";
}

const pageHeaders = createMiddleware(async (c, next) => {
  await next();
  if (!(c.res.headers.get("content-type") ?? "").startsWith("text/html")) return;
  c.res.headers.set("content-security-policy", PAGE_CSP);
  c.res.headers.set("x-content-type-options", "nosniff");
  c.res.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  c.res.headers.set("cache-control", "no-cache");
});

const keyIds = (keys: unknown[]) => keys.flatMap((k) => (typeof k === "object" && k !== null && "kid" in k && typeof k.kid === "string" ? [k.kid] : []));

const page = (c: Context, node: Child) => c.html(<>{raw("<!doctype html>")}{node}</>);

const css = (c: Context, text: string) => c.body(text, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" });

/** The voter-facing site: the widget's scripts, /transparency, /verify and the /demo party page. */
export function siteRoutes(deps: SiteDeps): Hono {
  const app = new Hono();
  app.route("/", widgetRoutes(deps.bundles, { retentionDays: deps.facts.retentionDays, partyName: deps.facts.party.name ?? "" }));
  app.use("/transparency", pageHeaders);
  app.use("/verify", pageHeaders);
  app.use("/demo", pageHeaders);
  app.get("/assets/site.css", (c) => css(c, SITE_CSS));
  app.get("/transparency", async (c) => {
    const lang = pageLang(c);
    return page(c, <TransparencyPage facts={deps.facts} keyIds={keyIds(await deps.publicKeys())} lang={lang} />);
  });
  app.get("/verify", (c) => page(c, <VerifyPage lang={pageLang(c)} />));
  if (deps.demo.enabled) {
    app.get("/assets/hostile.css", (c) => css(c, HOSTILE_CSS));
    app.get("/demo", (c) => {
      // A party site has one language per address: French unless ?lang=en.
      const lang = pageLang(c, "fr");
      const hostile = c.req.query("hostile") === "1";
      return page(c, <DemoPage lang={lang} partyName={deps.demo.partyName} origin={new URL(c.req.url).origin} hostile={hostile} />);
    });
  }
  return app;
}
