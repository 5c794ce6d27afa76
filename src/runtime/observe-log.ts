import { SpanStatusCode } from "@opentelemetry/api";
import { z } from "zod";
import type { AuditLog } from "../log/audit-log.js";
import type { NewEvent } from "../log/event.js";
import type { Logger } from "../serve/edge.js";
import { tracer } from "../serve/protect.js";
import type { Metrics } from "./metrics.js";

/** The text-free part of a turn's header that metrics and logs may use (see pipeline/answer.ts). */
const TurnHeaderSchema = z.object({
  generator: z.string().catch("unknown"),
  model: z.string().catch("unknown"),
  latencyMs: z.number().catch(0),
  guard: z
    .object({
      category: z.string(),
      piiKinds: z.array(z.string()),
      verdicts: z.array(z.object({ name: z.string(), triggered: z.boolean() })),
    })
    .catch({ category: "unknown", piiKinds: [], verdicts: [] }),
});

/**
 * Measures every append to the audit log where it happens (commit latency, a span, failures)
 * and counts each committed turn by kind, generator and guard verdicts: the log is where a
 * turn becomes final, so metrics count exactly what the log holds.
 */
export function observeAppends(log: AuditLog, metrics: Metrics, logger: Logger): void {
  const append = log.append.bind(log);
  log.append = (event: NewEvent) =>
    tracer().startActiveSpan("audit.append", { attributes: { "scrutin.audit.type": event.type } }, async (span) => {
      const t0 = performance.now();
      try {
        const stored = await append(event);
        metrics.auditAppendSeconds.observe({ type: event.type }, (performance.now() - t0) / 1000);
        span.setAttribute("scrutin.audit.seq", stored.seq);
        if (event.type === "turn") countTurn(event, metrics, logger);
        return stored;
      } catch (err) {
        metrics.auditAppendFailures.inc({ type: event.type });
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
        logger.error({ err, eventType: event.type, eventId: event.eventId }, "audit append failed");
        throw err;
      } finally {
        span.end();
      }
    });
}

function countTurn(event: NewEvent, metrics: Metrics, logger: Logger): void {
  const h = TurnHeaderSchema.parse(event.header);
  const kind = event.answerKind ?? "unknown";
  metrics.turns.inc({ kind, generator: h.generator, lang: event.lang ?? "unknown" });
  metrics.turnSeconds.observe({ kind, generator: h.generator }, h.latencyMs / 1000);
  metrics.guardCategories.inc({ category: h.guard.category });
  for (const v of h.guard.verdicts) if (v.triggered) metrics.guardVerdicts.inc({ name: v.name });
  for (const k of h.guard.piiKinds) metrics.piiRedactions.inc({ kind: k });
  logger.info({ turnId: event.turnId, kind, generator: h.generator, model: h.model, category: h.guard.category, latencyMs: h.latencyMs }, "turn logged");
}
