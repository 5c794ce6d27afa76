import type { CaseScore } from "../suite/checks.js";
import { METRIC_KEYS, type MetricKey } from "../suite/metrics.js";
import type { SuiteResult } from "../suite/score.js";
import { formatMetric } from "./console.js";
import type { HistoryEntry } from "./history.js";

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);

const LABELS: Record<MetricKey, string> = {
  labelPresent: "AI label present", officialLink: "Official link present", citationValidity: "Citation validity", quoteFidelity: "Quote fidelity",
  citationSupport: "Citation support", fabricatedEntities: "Fabricated entities", expectedKind: "Expected kind", facts: "Expected facts", forbiddenContent: "No forbidden content",
  recallAt5: "Recall@5", mrr: "MRR", signatureValidity: "Signature validity", logIntegrity: "Log matches response", latencyP50Ms: "Latency p50 (ms)",
  latencyP95Ms: "Latency p95 (ms)", casePass: "Cases fully passing",
};

/** Rate metrics drawn on the history chart (all in [0, 1]). */
const CHARTED: { key: MetricKey; color: string }[] = [
  { key: "labelPresent", color: "#1b5e20" }, { key: "citationValidity", color: "#0d47a1" }, { key: "quoteFidelity", color: "#6a1b9a" },
  { key: "citationSupport", color: "#e65100" }, { key: "expectedKind", color: "#b71c1c" }, { key: "recallAt5", color: "#00695c" },
  { key: "signatureValidity", color: "#37474f" }, { key: "casePass", color: "#827717" },
];

/** An inline SVG line chart of the overall rate metrics across runs (the history file plus this run). */
export function historyChart(history: readonly HistoryEntry[]): string {
  const runs = history.slice(-50);
  const w = 760, h = 260, l = 48, r = 16, t = 14, b = 34;
  const x = (i: number) => l + (runs.length <= 1 ? (w - l - r) / 2 : (i * (w - l - r)) / (runs.length - 1));
  // The interesting range is near the top: 0.5–1.0, values below are clamped to the axis.
  const y = (v: number) => t + ((1 - Math.max(0.5, Math.min(1, v))) / 0.5) * (h - t - b);
  const grid = [0.5, 0.6, 0.7, 0.8, 0.9, 1].map((v) => `<line x1="${l}" x2="${w - r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${l - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`).join("");
  const lines = CHARTED.map(({ key, color }) => {
    const pts = runs.map((e, i) => [i, e.overall[key]] as const).filter((p): p is readonly [number, number] => typeof p[1] === "number");
    if (pts.length === 0) return "";
    const d = pts.map(([i, v], k) => `${k ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    const dots = pts.map(([i, v]) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${LABELS[key]} ${formatMetric(key, v)} — ${runs[i]!.at}`)}</title></circle>`).join("");
    return `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>${dots}`;
  }).join("");
  const xl = runs.map((e, i) => (runs.length <= 12 || i % Math.ceil(runs.length / 12) === 0 ? `<text x="${x(i)}" y="${h - 12}" text-anchor="middle" font-size="10">${esc(e.at.slice(5, 16).replace("T", " "))}</text>` : "")).join("");
  const legend = CHARTED.map(({ key, color }) => `<span class="lg"><i style="background:${color}"></i>${esc(LABELS[key])}</span>`).join(" ");
  return `<figure><svg role="img" aria-label="Overall metrics across ${runs.length} run(s)" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px">${grid}${lines}${xl}</svg><figcaption>${legend}<br>Overall rates across the last ${runs.length} run(s) (the history file plus this run; y axis from 0.5; lines at 1.0 overlap).</figcaption></figure>`;
}

function summaryTable(r: SuiteResult): string {
  const head = `<tr><th>Metric</th>${r.datasets.map((d) => `<th>${esc(d.name)}${d.gated ? "" : "<br><small>report-only</small>"}</th>`).join("")}<th>all</th></tr>`;
  const rows = METRIC_KEYS.map((k) => {
    const cells = r.datasets.map((d) => {
      const g = d.gates.find((x) => x.metric === k);
      const cls = g ? (g.met ? "ok" : g.pass ? "waived" : "bad") : "";
      const title = g ? ` title="${g.direction} ${esc(formatMetric(k, g.limit))}${g.waived ? ` — waived down to ${esc(formatMetric(k, g.waived.floor))}: ${esc(g.waived.reason)}` : ""}"` : "";
      return `<td class="${cls}"${title}>${esc(formatMetric(k, d.metrics[k]))}${g ? `<small> ${g.direction === "min" ? "≥" : "≤"} ${esc(formatMetric(k, g.limit))}</small>` : ""}</td>`;
    });
    return `<tr><th scope="row">${esc(LABELS[k])}</th>${cells.join("")}<td>${esc(formatMetric(k, r.overall[k]))}</td></tr>`;
  });
  const counts = `<tr><th scope="row">Cases / turns</th>${r.datasets.map((d) => `<td>${d.metrics.cases} / ${d.metrics.turns}</td>`).join("")}<td>${r.overall.cases} / ${r.overall.turns}</td></tr>`;
  return `<table class="sum"><thead>${head}</thead><tbody>${counts}${rows.join("")}</tbody></table>`;
}

function caseDetail(c: CaseScore): string {
  const turns = c.turns.map((t, i) => {
    const checks = Object.entries(t.verdicts).map(([k, v]) => `<tr class="${v.pass ? "ok" : "bad"}"><td>${esc(k)}</td><td>${v.pass ? "pass" : "FAIL"}</td><td>${esc(v.detail)}</td></tr>`).join("");
    const cited = t.cited.map((p) => `<li><b>[${p.n}]</b> ${/^https?:\/\//.test(p.url) ? `<a href="${esc(p.url)}">${esc(p.url)}</a>` : `<span class="bad">${esc(p.url)}</span>`} <code>${esc(p.chunkId)}</code><blockquote>${esc(p.quote)}</blockquote>${p.passage === null ? "<p class=bad>passage not in the corpus</p>" : `<details><summary>full passage</summary><p class="passage">${esc(p.passage)}</p></details>`}</li>`).join("");
    return `<section class="turn"><h4>Turn ${i + 1}${i < c.turns.length - 1 ? " (history)" : ""} — ${esc(t.kind ?? "no answer")} · ${Math.round(t.latencyMs)} ms · <code>${esc(t.turnId ?? "—")}</code></h4>
<p class="q"><b>Voter:</b> ${esc(t.message)}</p><pre class="a">${esc(t.text ?? "(nothing logged)")}</pre>${cited ? `<ol class="cited">${cited}</ol>` : ""}<table class="checks"><tbody>${checks}</tbody></table></section>`;
  }).join("");
  const extra = [
    `<tr class="${c.kind.pass ? "ok" : "bad"}"><td>expected kind</td><td>${c.kind.pass ? "pass" : "FAIL"}</td><td>${esc(`expected ${c.case.expect}, got ${c.kind.got ?? "nothing"}`)}</td></tr>`,
    c.facts ? `<tr class="${c.facts.pass ? "ok" : "bad"}"><td>facts</td><td>${c.facts.pass ? "pass" : "miss"}</td><td>${esc(c.facts.detail)}</td></tr>` : "",
    c.forbidden ? `<tr class="${c.forbidden.pass ? "ok" : "bad"}"><td>forbidden content</td><td>${c.forbidden.pass ? "pass" : "FAIL"}</td><td>${esc(c.forbidden.detail)}</td></tr>` : "",
    c.retrieval ? `<tr class="${c.retrieval.rank !== null ? "ok" : "bad"}"><td>retrieval</td><td>${c.retrieval.rank === null ? "miss" : `rank ${c.retrieval.rank + 1}`}</td><td>${esc(`labelled ${c.case.docs.join(", ")}; top 5: ${c.retrieval.top.join(", ")}`)}</td></tr>` : "",
  ].join("");
  return `<details class="case ${c.pass ? "pass" : "fail"}" id="${esc(c.id)}"${c.pass ? "" : " open"}><summary><span class="badge">${c.pass ? "pass" : "FAIL"}</span> <b>${esc(c.id)}</b> [${esc(c.case.lang)}${c.case.category ? ` · ${esc(c.case.category)}` : ""}] ${esc(c.case.question)}</summary>
<table class="checks"><tbody>${extra}</tbody></table>${turns}</details>`;
}

/** Expected-kind rate per case category, for sets whose cases carry one (red team, conversations). */
function categories(cases: readonly CaseScore[]): string {
  const by = new Map<string, CaseScore[]>();
  for (const c of cases) if (c.case.category) by.set(c.case.category, [...(by.get(c.case.category) ?? []), c]);
  if (by.size === 0) return "";
  const rows = [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([cat, cs]) => {
    const ok = cs.filter((c) => c.kind.pass).length;
    return `<tr><th scope="row">${esc(cat)}</th><td>${cs.length}</td><td class="${ok === cs.length ? "ok" : "bad"}">${ok}/${cs.length}</td><td>${esc(cs.filter((c) => !c.kind.pass).map((c) => c.id).join(", "))}</td></tr>`;
  });
  return `<table class="cat"><thead><tr><th>category</th><th>cases</th><th>expected kind</th><th>missed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** One self-contained page: no external script, style, font or image. */
export function htmlReport(r: SuiteResult, history: readonly HistoryEntry[]): string {
  const byDataset = r.datasets.map((d) => {
    const cases = r.cases.filter((c) => c.dataset === d.name).sort((a, b) => Number(a.pass) - Number(b.pass));
    const failing = cases.filter((c) => !c.pass).length;
    return `<section><h3>${esc(d.name)} — ${cases.length} cases, ${failing} failing${d.gated ? "" : " (report-only set)"}</h3>${categories(cases)}${cases.map(caseDetail).join("\n")}</section>`;
  }).join("\n");
  const waived = r.waived.map(({ dataset, gate: g }) => `<li>${esc(dataset)}: ${esc(LABELS[g.metric])} = ${esc(formatMetric(g.metric, g.value))}, target ${g.direction} ${esc(formatMetric(g.metric, g.limit))} — waived down to ${esc(formatMetric(g.metric, g.waived!.floor))}: ${esc(g.waived!.reason)}</li>`).join("");
  const verdict = !r.pass ? ["fail", "FAIL — thresholds missed"] : waived ? ["waived", "PASS WITH WAIVERS — some targets missed, held by recorded waivers"] : ["pass", "PASS — every gated threshold met"];
  const missed = r.datasets.flatMap((d) => d.gates.filter((g) => !g.pass).map((g) => `<li>${esc(d.name)}: ${esc(LABELS[g.metric])} = ${esc(formatMetric(g.metric, g.value))} (${g.direction} ${esc(formatMetric(g.metric, g.limit))})</li>`)).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Scrutin eval report — ${r.pass ? (r.waived.length ? "PASS WITH WAIVERS" : "PASS") : "FAIL"}</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1a1a1a}
h1{margin:.2em 0}.verdict{font-size:1.3em;padding:8px 12px;border-radius:6px;display:inline-block}
.verdict.pass{background:#e8f5e9;color:#1b5e20}.verdict.waived{background:#fff3e0;color:#8a4b00}td.waived{background:#fff3e0}.verdict.fail{background:#ffebee;color:#b71c1c}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
table.sum td{text-align:right;white-space:nowrap}td.ok{background:#e8f5e9}td.bad,tr.bad td{background:#ffebee}tr.ok td{background:#f4fbf4}
small{color:#555}.case{border:1px solid #ccc;border-radius:6px;margin:6px 0;padding:4px 8px}.case.fail{border-color:#c62828}
.badge{font-size:.8em;padding:1px 6px;border-radius:4px;background:#e8f5e9}.fail>summary .badge{background:#c62828;color:#fff}
pre.a{white-space:pre-wrap;background:#f6f6f6;padding:8px;border-radius:4px}blockquote{margin:4px 0 4px 12px;color:#333;border-left:3px solid #90caf9;padding-left:8px}
.passage{white-space:pre-wrap;background:#fafafa;padding:6px}.lg{margin-right:10px;white-space:nowrap}.lg i{display:inline-block;width:10px;height:10px;margin-right:4px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dl.meta dt{font-weight:600}
</style></head><body>
<h1>Scrutin eval report</h1>
<p class="verdict ${verdict[0]}">${verdict[1]}</p>${missed ? `<ul>${missed}</ul>` : ""}${waived ? `<p>Missed targets held by waivers (evals/thresholds.json; <code>--strict</code> ignores them):</p><ul>${waived}</ul>` : ""}
<dl class="meta"><dt>Run</dt><dd>${esc(r.startedAt)} → ${esc(r.finishedAt)}</dd><dt>Target</dt><dd>${esc(r.context.mode)} — ${esc(r.context.target)}</dd>
<dt>Corpus version</dt><dd>${esc(r.context.corpusVersion)}</dd><dt>Composer</dt><dd>${esc(r.context.composer)}</dd><dt>Citation-support judge</dt><dd>${esc(r.context.judge)}</dd>
<dt>Thresholds</dt><dd>version ${r.context.thresholdsVersion} (evals/thresholds.json)</dd><dt>Signing keys</dt><dd>${esc(r.context.keyIds.join(", "))}</dd></dl>
<h2>Metrics</h2><p>Every turn is read back from the audit log and scored there; a green cell meets its threshold, a red one misses it, an amber one misses its target but is held by a recorded waiver, an uncoloured one is reported only. Definitions: README, "Evals".</p>
${summaryTable(r)}
<h2>Across runs</h2>${historyChart(history)}
<h2>Cases</h2><p>Failing cases first, opened.</p>${byDataset}
</body></html>`;
}
