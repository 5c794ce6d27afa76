import type { SuiteResult } from "../suite/score.js";
import { formatMetric } from "./console.js";

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * JUnit XML: one suite per dataset; one testcase per threshold (a missed gate is a failure)
 * and one per case (a failing case of a report-only set is reported as skipped, not failed).
 */
export function junitXml(r: SuiteResult): string {
  const suites = r.datasets.map((d) => {
    const gates = d.gates.map((g) => {
      const name = `threshold ${g.metric} ${g.direction} ${formatMetric(g.metric, g.limit)}`;
      const body = g.met ? "" : g.pass ? `<skipped message="${esc(`waived: ${g.metric} = ${formatMetric(g.metric, g.value)}, floor ${formatMetric(g.metric, g.waived!.floor)}: ${g.waived!.reason}`)}"/>` : `<failure message="${esc(`${g.metric} = ${formatMetric(g.metric, g.value)}`)}"/>`;
      return `    <testcase classname="${esc(`eval.${d.name}.thresholds`)}" name="${esc(name)}">${body}</testcase>`;
    });
    // A failing case is a JUnit failure when its set missed a gate; otherwise the set's
    // thresholds tolerate it and it is reported as skipped, with its reason, so that the
    // JUnit failures are exactly what makes the run exit non-zero.
    const cases = r.cases.filter((c) => c.dataset === d.name).map((c) => {
      const failures = [...(c.kind.pass ? [] : [`kind: ${c.kind.detail}`]), ...(c.forbidden && !c.forbidden.pass ? [`forbidden content: ${c.forbidden.detail}`] : []), ...c.turns.flatMap((t, i) => Object.entries(t.verdicts).filter(([, v]) => !v.pass).map(([k, v]) => `turn ${i + 1} ${k}: ${v.detail}`))];
      const why = d.gated ? "within the set's thresholds" : "report-only set";
      const body = failures.length === 0 ? "" : !d.pass ? `<failure message="${esc(failures[0]!.slice(0, 300))}">${esc(failures.join("\n"))}</failure>` : `<skipped message="${esc(`${why}: ${failures[0]!.slice(0, 300)}`)}"/>`;
      const time = (c.turns.reduce((n, t) => n + t.latencyMs, 0) / 1000).toFixed(3);
      return `    <testcase classname="${esc(`eval.${d.name}`)}" name="${esc(`${c.id}: ${c.case.question.slice(0, 120)}`)}" time="${time}">${body}</testcase>`;
    });
    const failingCases = r.cases.filter((c) => c.dataset === d.name && !c.pass).length;
    const failures = d.gates.filter((g) => !g.pass).length + (d.pass ? 0 : failingCases);
    const skipped = d.gates.filter((g) => g.pass && !g.met).length + (d.pass ? failingCases : 0);
    return `  <testsuite name="${esc(`eval ${d.name}`)}" tests="${gates.length + cases.length}" failures="${failures}" skipped="${skipped}" errors="0">\n${[...gates, ...cases].join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scrutin-eval">\n${suites.join("\n")}\n</testsuites>\n`;
}
