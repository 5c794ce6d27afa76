import { Hono, type Context } from "hono";
import { z } from "zod";
import { AppError } from "../contract/errors.js";
import { actorOf } from "./access.js";
import { ndjsonBundleResponse, ExportQuerySchema } from "./ndjson.js";
import type { Principal } from "./principal.js";
import { TurnFilterSchema } from "./search.js";
import type { AuditService } from "./service.js";

type Env = { Variables: { principal: Principal } };

const ReasonSchema = z.strictObject({ reason: z.string() });

/**
 * The auditor API (JSON), documented in the README. `Authorization: Bearer <token>`;
 * 401 without a valid token, 403 for the wrong role. GET /api/audit/head is public: it is
 * the signed checkpoint anyone may keep to detect a later truncation.
 */
export function auditApi(svc: AuditService): Hono<Env> {
  const app = new Hono<Env>();

  app.get("/api/audit/head", async (c) => {
    const cp = await svc.head();
    if (!cp) throw new AppError("not_found", "No checkpoint has been signed yet.");
    c.header("cache-control", "no-store");
    return c.json(cp);
  });

  app.use("/api/audit/*", async (c, next) => {
    if (c.req.path === "/api/audit/head") return next();
    const auth = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) {
      c.header("www-authenticate", 'Bearer realm="scrutin-audit"');
      throw new AppError("unauthorized", "An auditor token is required: Authorization: Bearer <token>.");
    }
    const p = await svc.authenticate(m[1]!, "api");
    if (!p) {
      c.header("www-authenticate", 'Bearer realm="scrutin-audit", error="invalid_token"');
      throw new AppError("unauthorized", "This auditor token is unknown or revoked.");
    }
    c.set("principal", p);
    c.header("cache-control", "no-store");
    await next();
  });

  app.get("/api/audit/turns", async (c) => c.json(await svc.listTurns(c.var.principal, parse(TurnFilterSchema, c.req.query()), "api")));
  app.get("/api/audit/turns/:id", async (c) => c.json(await svc.turn(c.var.principal, c.req.param("id"), "api")));
  app.post("/api/audit/turns/:id/flag", async (c) => c.json(await svc.flag(c.var.principal, c.req.param("id"), (await body(c)).reason, "api"), 201));
  app.post("/api/audit/turns/:id/takedown", async (c) => c.json(await svc.takedown(c.var.principal, c.req.param("id"), (await body(c)).reason, "api"), 201));
  app.post("/api/audit/conversations/:id/erase", async (c) => {
    const out = await svc.erase(c.var.principal, c.req.param("id"), (await body(c)).reason, "api");
    return c.json({ conversationId: c.req.param("id"), erased: out.count, rows: out.rows, event: out.event && { seq: out.event.seq, eventId: out.event.eventId }, compaction: out.compaction }, 201);
  });
  app.get("/api/audit/export", async (c) => {
    const opts = parse(ExportQuerySchema, c.req.query());
    return ndjsonBundleResponse((sink) => svc.exportBundle(actorOf(c.var.principal), opts, "api", sink), svc.deps.now());
  });
  app.get("/api/audit/verify", async (c) => c.json(await svc.verify(actorOf(c.var.principal), "api")));
  return app;
}

async function body(c: Context): Promise<z.infer<typeof ReasonSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new AppError("invalid_json", 'The request body must be a JSON object such as {"reason":"…"}.');
  }
  return parse(ReasonSchema, json);
}

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("invalid_request", `Invalid request: ${issues.map((i) => `${i.path || "input"}: ${i.message}`).join("; ")}`, issues);
}
