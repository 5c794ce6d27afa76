import { timingSafeEqual, randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import type { JSX } from "hono/jsx/jsx-runtime";
import { z } from "zod";
import { AppError } from "../contract/errors.js";
import { formatReport } from "../log/verify.js";
import { actorOf } from "./access.js";
import { parse } from "./api.js";
import { ExportQuerySchema, ndjsonBundleResponse } from "./ndjson.js";
import type { Principal } from "./principal.js";
import { TurnFilterSchema } from "./search.js";
import type { AuditService } from "./service.js";
import { CSS } from "./ui-layout.js";
import { ErrorPage, ExportPage, ListPage, LoginPage, TurnPageView, VerifyPage, type ListQuery } from "./ui-pages.js";

type Env = { Variables: { principal: Principal; csrf: string; sessionId: string } };

const SESSION_COOKIE = "scrutin_audit_session";
const LOGIN_COOKIE = "scrutin_audit_login";

const FR_ERRORS: Partial<Record<string, string>> = {
  forbidden: "Cette action est réservée au rôle administration.",
  not_found: "Introuvable : cet élément n'existe pas dans le registre.",
  conflict: "Cette réponse est déjà retirée.",
};

/**
 * The auditor UI under /audit: server-rendered pages, a login form that opens an
 * HttpOnly, SameSite=Strict session cookie (Secure over HTTPS), a per-session CSRF token
 * in every POST form, and a CSP that allows no script at all.
 */
export function auditUi(svc: AuditService): Hono<Env> {
  const app = new Hono<Env>();

  app.use(
    "/audit/*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      crossOriginResourcePolicy: "same-origin",
    }),
  );
  app.use("/audit/*", bodyLimit({ maxSize: 16 * 1024, onError: () => { throw new AppError("payload_too_large", "Formulaire trop volumineux."); } }));

  app.get("/audit/static/audit.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(CSS);
  });

  app.get("/audit/login", (c) => {
    const csrf = randomBytes(24).toString("base64url");
    setCookie(c, LOGIN_COOKIE, csrf, { path: "/audit/login", httpOnly: true, sameSite: "Strict", secure: isHttps(c), maxAge: 1800 });
    return page(c, <LoginPage csrf={csrf} next={safeNext(c.req.query("next"))} />);
  });

  app.post("/audit/login", async (c) => {
    const form = await c.req.parseBody();
    const csrf = typeof form.csrf === "string" ? form.csrf : "";
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    const fresh = randomBytes(24).toString("base64url");
    setCookie(c, LOGIN_COOKIE, fresh, { path: "/audit/login", httpOnly: true, sameSite: "Strict", secure: isHttps(c), maxAge: 1800 });
    if (!sameToken(csrf, getCookie(c, LOGIN_COOKIE) ?? "")) {
      return page(c, <LoginPage csrf={fresh} next={next} error="Le formulaire a expiré; veuillez recommencer." />, 403);
    }
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const out = token ? await svc.login(token) : null;
    if (!out) return page(c, <LoginPage csrf={fresh} next={next} error="Jeton inconnu ou révoqué." />, 401);
    deleteCookie(c, LOGIN_COOKIE, { path: "/audit/login" });
    setCookie(c, SESSION_COOKIE, out.sessionId, { path: "/audit", httpOnly: true, sameSite: "Strict", secure: isHttps(c), expires: out.expiresAt });
    return c.redirect(next, 303);
  });

  // Everything below needs a session ("/audit/*" also matches "/audit").
  app.use("/audit/*", async (c, next) => {
    if (c.req.path === "/audit/login" || c.req.path.startsWith("/audit/static/")) return next();
    return requireSession(c, next);
  });
  async function requireSession(c: Context<Env>, next: () => Promise<void>) {
    const sid = getCookie(c, SESSION_COOKIE) ?? "";
    const session = sid ? await svc.session(sid) : null;
    if (!session) {
      if (c.req.method === "GET") return c.redirect(`/audit/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""))}`, 303);
      return page(c, <ErrorPage status={401} message="Session expirée : veuillez vous reconnecter." />, 401);
    }
    c.set("principal", session.principal);
    c.set("csrf", session.csrf);
    c.set("sessionId", sid);
    c.header("cache-control", "no-store");
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (!sameToken(typeof form.csrf === "string" ? form.csrf : "", session.csrf)) {
        return page(c, <ErrorPage status={403} message="Jeton anti-falsification (CSRF) absent ou invalide." principal={session.principal} csrf={session.csrf} />, 403);
      }
    }
    await next();
  }

  app.onError((err, c) => {
    const principal = c.get("principal");
    const csrf = c.get("csrf");
    if (err instanceof AppError && err.status < 500) {
      const message = FR_ERRORS[err.code] ?? err.message;
      return page(c, <ErrorPage status={err.status} message={message} principal={principal} csrf={csrf} />, err.status as 400);
    }
    console.error("audit UI error", err);
    return page(c, <ErrorPage status={500} message="Erreur interne; elle a été journalisée." principal={principal} csrf={csrf} />, 500);
  });

  app.post("/audit/logout", async (c) => {
    await svc.logout(c.var.sessionId, c.var.principal);
    deleteCookie(c, SESSION_COOKIE, { path: "/audit" });
    return c.redirect("/audit/login", 303);
  });

  app.get("/audit", async (c) => {
    const raw = c.req.query();
    const query: ListQuery = { from: raw.from, to: raw.to, lang: raw.lang, kind: raw.kind, flagged: raw.flagged, status: raw.status, conversation: raw.conversation, q: raw.q };
    const done = raw.done === "erase" ? "Les textes de la conversation ont été effacés; l'effacement est inscrit au registre." : undefined;
    const r = TurnFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "done")));
    if (!r.success) {
      return page(c, <ListPage principal={c.var.principal} csrf={c.var.csrf} query={query} page={null} nextHref={null} error={`Filtre invalide : ${r.error.issues.map((i) => `${i.path.join(".")} — ${i.message}`).join("; ")}`} />, 400);
    }
    const result = await svc.listTurns(c.var.principal, r.data, "ui");
    const nextHref = result.nextCursor ? `/audit?${new URLSearchParams({ ...stripEmpty(query), cursor: String(result.nextCursor) }).toString()}` : null;
    return page(c, <ListPage principal={c.var.principal} csrf={c.var.csrf} query={query} page={result} nextHref={nextHref} done={done} />);
  });

  app.get("/audit/turns/:id", async (c) => {
    const turn = await svc.turn(c.var.principal, c.req.param("id"), "ui");
    const done = { flag: "Signalement inscrit au registre.", takedown: "Réponse retirée; le retrait est inscrit au registre." }[c.req.query("done") ?? ""];
    return page(c, <TurnPageView principal={c.var.principal} csrf={c.var.csrf} turn={turn} done={done} />);
  });

  app.post("/audit/turns/:id/flag", async (c) => {
    const id = c.req.param("id");
    await svc.flag(c.var.principal, id, await reason(c), "ui");
    return c.redirect(`/audit/turns/${encodeURIComponent(id)}?done=flag`, 303);
  });

  app.post("/audit/turns/:id/takedown", async (c) => {
    const id = c.req.param("id");
    await svc.takedown(c.var.principal, id, await reason(c), "ui");
    return c.redirect(`/audit/turns/${encodeURIComponent(id)}?done=takedown`, 303);
  });

  app.post("/audit/conversations/:id/erase", async (c) => {
    const id = c.req.param("id");
    await svc.erase(c.var.principal, id, await reason(c), "ui");
    return c.redirect(`/audit?conversation=${encodeURIComponent(id)}&done=erase`, 303);
  });

  app.get("/audit/export", (c) => page(c, <ExportPage principal={c.var.principal} csrf={c.var.csrf} />));

  app.get("/audit/export/download", async (c) => {
    const r = ExportQuerySchema.safeParse(c.req.query());
    if (!r.success) return page(c, <ExportPage principal={c.var.principal} csrf={c.var.csrf} error={`Période invalide : ${r.error.issues[0]?.message ?? ""}`} />, 400);
    return ndjsonBundleResponse((sink) => svc.exportBundle(actorOf(c.var.principal), r.data, "ui", sink), svc.deps.now());
  });

  app.get("/audit/verify", async (c) => {
    const report = await svc.verify(actorOf(c.var.principal), "ui");
    return page(c, <VerifyPage principal={c.var.principal} csrf={c.var.csrf} report={report} text={formatReport(report)} />);
  });

  return app;
}

async function page(c: Context, node: JSX.Element, status = 200): Promise<Response> {
  const html = await node.toString();
  return c.html(`<!DOCTYPE html>${html}`, status as 200);
}

async function reason(c: Context): Promise<string> {
  const form = await c.req.parseBody();
  return parse(TurnReasonSchema, { reason: form.reason }).reason;
}

const TurnReasonSchema = z.object({ reason: z.string({ error: "Un motif est requis." }) });

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

/** Only paths inside the auditor UI are valid login destinations (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/audit(\/|\?|$)/.test(next) && !next.startsWith("//") ? next : "/audit";
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length > 0 && x.length === y.length && timingSafeEqual(x, y);
}

function stripEmpty(q: ListQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
