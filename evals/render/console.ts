import type { MetricKey, Metrics } from "../suite/metrics.js";
import type { SuiteResult } from "../suite/score.js";
import type { Gate } from "../suite/thresholds.js";

const COLUMNS: [MetricKey | "cases", string][] = [
  ["cases", "cases"], ["labelPresent", "label"], ["officialLink", "link"], ["citationValidity", "cit.valid"], ["quoteFidelity", "quote"],
  ["citationSupport", "support"], ["fabricatedEntities", "fabric."], ["expectedKind", "kind"], ["facts", "facts"], ["forbiddenContent", "forbid."], ["recallAt5", "R@5"],
  ["mrr", "MRR"], ["signatureValidity", "sig"], ["logIntegrity", "log"], ["latencyP50Ms", "p50ms"], ["latencyP95Ms", "p95ms"],
];

export function formatMetric(key: MetricKey | "cases", v: number | null): string {
  if (v === null) return "–";
  if (key === "cases" || key === "fabricatedEntities" || key.startsWith("latency")) return String(Math.round(v));
  return key === "mrr" || key === "citationSupport" ? v.toFixed(3) : `${(v * 100).toFixed(1)}%`;
}

function row(name: string, m: Metrics, gates: Gate[]): string[] {
  return [name, ...COLUMNS.map(([k]) => {
    const g = gates.find((x) => x.metric === k);
    return `${formatMetric(k, m[k as keyof Metrics] as number | null)}${g && !g.pass ? "✗" : g && !g.met ? "!" : ""}`;
  })];
}

/** The summary table printed at the end of a run; a ✗ marks a missed threshold. */
export function consoleSummary(r: SuiteResult): string {
  const rows = [["dataset", ...COLUMNS.map(([, h]) => h)], ...r.datasets.map((d) => row(`${d.name}${d.gated ? "" : " (report)"}`, d.metrics, d.gates)), row("all", r.overall, [])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((x) => x[i]!.length)));
  const lines = rows.map((x) => x.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const missed = r.datasets.flatMap((d) => d.gates.filter((g) => !g.pass).map((g) => `  ✗ ${d.name}: ${g.metric} = ${formatMetric(g.metric, g.value)} (${g.direction} ${formatMetric(g.metric, g.limit)})`));
  const head = `Scrutin eval — ${r.context.mode} ${r.context.target}, corpus ${r.context.corpusVersion}, composer ${r.context.composer}, support judge ${r.context.judge}, thresholds v${r.context.thresholdsVersion}`;
  const waived = r.waived.map(({ dataset, gate: g }) => `  ! ${dataset}: ${g.metric} = ${formatMetric(g.metric, g.value)}, target ${g.direction} ${formatMetric(g.metric, g.limit)} — waived down to ${formatMetric(g.metric, g.waived!.floor)}: ${g.waived!.reason}`);
  const verdict = r.pass
    ? waived.length
      ? `PASS WITH WAIVERS: ${waived.length} target(s) missed, held by recorded waivers (evals/thresholds.json; --strict ignores them)\n${waived.join("\n")}`
      : "PASS: every gated threshold met"
    : `FAIL: ${missed.length} threshold(s) missed${r.context.strict ? " (--strict: waivers ignored)" : ""}\n${missed.join("\n")}${waived.length ? `\nAlso waived:\n${waived.join("\n")}` : ""}`;
  const stale = r.staleWaivers.map((w) => `note: the waiver for ${w.dataset} ${w.metric} is no longer needed (target met): delete it from evals/thresholds.json`);
  return [head, "", ...lines, "", verdict, ...stale].join("\n");
}
