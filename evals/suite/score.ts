import { scoreCase, type CaseScore, type SupportJudge } from "./checks.js";
import type { Collected, RunContext } from "./evidence.js";
import { metricsOf, type Metrics } from "./metrics.js";
import { gate, limitsFor, waiversFor, type Gate, type Thresholds } from "./thresholds.js";

export interface DatasetResult {
  name: string;
  metrics: Metrics;
  gates: Gate[];
  /** False when this set's gates are all off (report-only). */
  gated: boolean;
  pass: boolean;
}

export interface SuiteResult {
  startedAt: string;
  finishedAt: string;
  context: Omit<RunContext, "keys"> & { keyIds: string[]; judge: string; thresholdsVersion: number; strict: boolean };
  datasets: DatasetResult[];
  overall: Metrics;
  cases: CaseScore[];
  pass: boolean;
  /** Targets missed but held by a recorded waiver (empty with --strict). */
  waived: { dataset: string; gate: Gate }[];
  /** Waivers of datasets in this run whose target is now met: to be deleted. */
  staleWaivers: { dataset: string; metric: string }[];
}

/** Scores every collected case, then each dataset against its thresholds. */
export async function scoreRun(collected: Collected, thresholds: Thresholds, judge: SupportJudge, startedAt: string, opts: { strict?: boolean } = {}): Promise<SuiteResult> {
  const cases: CaseScore[] = [];
  for (const ev of collected.cases) cases.push(await scoreCase(ev, collected.context, judge));
  const names = [...new Set(cases.map((c) => c.dataset))];
  const datasets = names.map((name) => {
    const metrics = metricsOf(cases.filter((c) => c.dataset === name));
    const gates = gate(metrics, limitsFor(thresholds, name), opts.strict ? {} : waiversFor(thresholds, name));
    return { name, metrics, gates, gated: gates.length > 0, pass: gates.every((g) => g.pass) };
  });
  const { keys, ...ctx } = collected.context;
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    context: { ...ctx, keyIds: keys.map((k) => k.kid), judge: judge.name, thresholdsVersion: thresholds.version, strict: opts.strict ?? false },
    datasets,
    overall: metricsOf(cases),
    cases,
    pass: datasets.every((d) => d.pass),
    waived: datasets.flatMap((d) => d.gates.filter((g) => g.pass && !g.met).map((g) => ({ dataset: d.name, gate: g }))),
    staleWaivers: datasets.flatMap((d) => Object.keys(waiversFor(thresholds, d.name)).filter((m) => d.gates.some((g) => g.metric === m && g.met)).map((metric) => ({ dataset: d.name, metric }))),
  };
}
