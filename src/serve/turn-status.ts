import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../contract/errors.js";
import type { AuditLog } from "../log/audit-log.js";
import { turnStatuses } from "../log/turn-status.js";

export const MAX_STATUS_IDS = 50;

const IdsSchema = z
  .string({ error: "ids is required: a comma-separated list of turn ids" })
  .transform((s) => s.split(","))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "each turn id must be 8–64 characters of A–Z, a–z, 0–9, _ or -"))
      .min(1, "ids must name at least one turn")
      .max(MAX_STATUS_IDS, `at most ${MAX_STATUS_IDS} ids per request`),
  );

/**
 * GET /api/turns/status?ids=a,b,c — whether answers a voter may still have on screen were
 * withdrawn by an auditor's takedown. Public, so it reveals only the status.
 */
export function turnStatusRoutes(log: AuditLog): Hono {
  return new Hono().get("/api/turns/status", async (c) => {
    const parsed = IdsSchema.safeParse(c.req.query("ids"));
    if (!parsed.success) throw new AppError("invalid_request", `Invalid request: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    const ids = [...new Set(parsed.data)];
    const statuses = await turnStatuses(log, ids);
    c.header("cache-control", "no-store");
    return c.json({ turns: ids.map((id) => ({ id, status: statuses.get(id) ?? "unknown" })) });
  });
}
