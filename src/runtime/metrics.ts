import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import client from "prom-client";
import type { MetricsEndpoint, Telemetry } from "../serve/edge.js";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's Prometheus metrics, in a registry of their own (plus Node's default process metrics). */
export class Metrics implements Telemetry {
  readonly registry = new client.Registry();
  private readonly httpRequests = new client.Counter({ name: "scrutin_http_requests_total", help: "HTTP requests by method, route pattern and status.", labelNames: ["method", "route", "status"], registers: [this.registry] });
  private readonly httpSeconds = new client.Histogram({ name: "scrutin_http_request_duration_seconds", help: "Time to the response head (SSE: to the start of the stream).", labelNames: ["method", "route"], buckets: SECONDS, registers: [this.registry] });
  readonly turns = new client.Counter({ name: "scrutin_turns_total", help: "Logged chat turns by answer kind, generator and language.", labelNames: ["kind", "generator", "lang"], registers: [this.registry] });
  readonly turnSeconds = new client.Histogram({ name: "scrutin_turn_duration_seconds", help: "Pipeline time of a turn (guard to signed envelope), as recorded in the log.", labelNames: ["kind", "generator"], buckets: SECONDS, registers: [this.registry] });
  readonly guardCategories = new client.Counter({ name: "scrutin_guard_category_total", help: "Turns by the guard's scope category.", labelNames: ["category"], registers: [this.registry] });
  readonly guardVerdicts = new client.Counter({ name: "scrutin_guard_verdicts_total", help: "Guard checks that triggered, by check name.", labelNames: ["name"], registers: [this.registry] });
  readonly piiRedactions = new client.Counter({ name: "scrutin_pii_redactions_total", help: "Kinds of personal information redacted from questions.", labelNames: ["kind"], registers: [this.registry] });
  readonly auditAppendSeconds = new client.Histogram({ name: "scrutin_audit_append_seconds", help: "Time from append to commit of an audit event (queueing in the group commit included).", labelNames: ["type"], buckets: SECONDS, registers: [this.registry] });
  readonly auditAppendFailures = new client.Counter({ name: "scrutin_audit_append_failures_total", help: "Audit appends that failed to commit.", labelNames: ["type"], registers: [this.registry] });
  private readonly rateLimitedTotal = new client.Counter({ name: "scrutin_rate_limited_total", help: "Chat requests refused with 429, by which budget ran out.", labelNames: ["scope"], registers: [this.registry] });
  private readonly timeouts = new client.Counter({ name: "scrutin_turn_timeouts_total", help: "Chat turns that overran REQUEST_TIMEOUT_MS (the client got a timeout error).", registers: [this.registry] });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false) client.collectDefaultMetrics({ register: this.registry });
  }

  request(o: { method: string; route: string; status: number; seconds: number }): void {
    this.httpRequests.inc({ method: o.method, route: o.route, status: String(o.status) });
    this.httpSeconds.observe({ method: o.method, route: o.route }, o.seconds);
  }

  rateLimited(scope: "client" | "global"): void {
    this.rateLimitedTotal.inc({ scope });
  }

  turnTimedOut(): void {
    this.timeouts.inc();
  }
}

const REQ = "scrutin:metrics-request";
const RES = "scrutin:metrics-response";
const COLLECT = "scrutin:metrics-collect";
const PART = "scrutin:metrics-part";
const COLLECT_TIMEOUT_MS = 3000;

type MetricsJson = Awaited<ReturnType<client.Registry["getMetricsAsJSON"]>>;

/**
 * /metrics for this process, or, in a cluster worker, for the whole cluster: the worker asks
 * the primary, which gathers the registries of every worker that is serving and sums them
 * (prom-client's aggregation), so a scrape that lands on any worker sees the totals.
 */
export function metricsEndpoint(metrics: Metrics, token: string): MetricsEndpoint {
  if (!cluster.isWorker) return { token, render: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }) };
  const pending = new Map<string, (body: string) => void>();
  process.on("message", (m: unknown) => {
    if (!isMessage(m)) return;
    if (m.type === RES) pending.get(m.id)?.(String(m.body));
    if (m.type === COLLECT) {
      void metrics.registry.getMetricsAsJSON().then((json) => process.send?.({ type: PART, id: m.id, metrics: json }));
    }
  });
  return {
    token,
    render: () =>
      new Promise((resolve, reject) => {
        const id = randomUUID();
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("the cluster primary did not return metrics in time"));
        }, COLLECT_TIMEOUT_MS + 3000);
        pending.set(id, (body) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve({ contentType: metrics.registry.contentType, body });
        });
        process.send?.({ type: REQ, id });
      }),
  };
}

/**
 * In the cluster primary: answers a worker's /metrics request with the sum of the registries
 * of the workers that are listening. A worker still starting, or too busy to answer within
 * 3 s, is left out and the body says how many reported, rather than failing the scrape.
 */
export function serveClusterMetrics(): void {
  const listening = new Set<number>();
  cluster.on("listening", (w) => listening.add(w.id));
  cluster.on("exit", (w) => listening.delete(w.id));
  const collections = new Map<string, { parts: MetricsJson[]; waiting: Set<number>; finish: () => void }>();
  cluster.on("message", (worker, m: unknown) => {
    if (!isMessage(m)) return;
    if (m.type === PART) {
      const c = collections.get(m.id);
      if (!c || !c.waiting.delete(worker.id)) return;
      c.parts.push(m.metrics as MetricsJson);
      if (c.waiting.size === 0) c.finish();
      return;
    }
    if (m.type !== REQ) return;
    const targets = Object.values(cluster.workers ?? {}).filter((w): w is NonNullable<typeof w> => !!w && listening.has(w.id) && w.isConnected());
    const collect = { parts: [] as MetricsJson[], waiting: new Set(targets.map((w) => w.id)), finish: () => {} };
    const timer = setTimeout(() => collect.finish(), COLLECT_TIMEOUT_MS);
    collect.finish = () => {
      clearTimeout(timer);
      collections.delete(m.id);
      const note = `# scrutin: ${collect.parts.length} of ${targets.length} workers reported\n`;
      Promise.resolve().then(() => client.AggregatorRegistry.aggregate(collect.parts).metrics()).then(
        (body) => worker.send({ type: RES, id: m.id, body: note + body }),
        (err: unknown) => worker.send({ type: RES, id: m.id, body: `${note}# aggregation failed: ${err instanceof Error ? err.message : String(err)}\n` }),
      );
    };
    collections.set(m.id, collect);
    for (const w of targets) w.send({ type: COLLECT, id: m.id });
    if (targets.length === 0) collect.finish();
  });
}

function isMessage(m: unknown): m is { type: string; id: string; body?: unknown; metrics?: unknown } {
  return typeof m === "object" && m !== null && "type" in m && "id" in m && typeof m.id === "string";
}
