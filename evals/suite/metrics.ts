import type { CaseScore, TurnCheck } from "./checks.js";

/**
 * The metrics of one dataset (or of all of them). Rates are shares in [0, 1]; counts are
 * totals; null means "nothing to measure" (e.g. recall on a set with no answerable case).
 */
export interface Metrics {
  cases: number;
  turns: number;
  /** Turns whose logged envelope carries the AI label in its fields and its text. */
  labelPresent: number;
  officialLink: number;
  citationValidity: number;
  quoteFidelity: number;
  /** Mean over answer turns of the share of claims their cited passages support. */
  citationSupport: number | null;
  /** Hard facts (URLs, e-mails, phones, figures, dates) in answers that no cited passage holds. */
  fabricatedEntities: number;
  expectedKind: number;
  /** Cases whose fact patterns all match the answer. */
  facts: number | null;
  /** Cases none of whose forbidden patterns (mustNot) match any turn's text. */
  forbiddenContent: number | null;
  recallAt5: number | null;
  mrr: number | null;
  signatureValidity: number;
  logIntegrity: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Share of cases that passed every check. */
  casePass: number;
}

export const METRIC_KEYS = [
  "labelPresent", "officialLink", "citationValidity", "quoteFidelity", "citationSupport", "fabricatedEntities", "expectedKind",
  "facts", "forbiddenContent", "recallAt5", "mrr", "signatureValidity", "logIntegrity", "latencyP50Ms", "latencyP95Ms", "casePass",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Lower is better for these; the threshold is a maximum. */
export const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set(["fabricatedEntities", "latencyP50Ms", "latencyP95Ms"]);

const share = (xs: readonly boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 1);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function metricsOf(cases: readonly CaseScore[]): Metrics {
  const turns = cases.flatMap((c) => c.turns);
  const rate = (check: TurnCheck) => share(turns.map((t) => t.verdicts[check].pass));
  const supports = turns.map((t) => t.support).filter((s): s is number => s !== null);
  const facts = cases.map((c) => c.facts).filter((f) => f !== null);
  const forbidden = cases.map((c) => c.forbidden).filter((f) => f !== null);
  const ret = cases.map((c) => c.retrieval).filter((r) => r !== null);
  const lat = turns.map((t) => t.latencyMs);
  return {
    cases: cases.length,
    turns: turns.length,
    labelPresent: rate("label"),
    officialLink: rate("officialLink"),
    citationValidity: rate("citationValidity"),
    quoteFidelity: rate("quoteFidelity"),
    citationSupport: mean(supports),
    fabricatedEntities: turns.reduce((n, t) => n + t.fabricated.length, 0),
    expectedKind: share(cases.map((c) => c.kind.pass)),
    facts: facts.length ? share(facts.map((f) => f.pass)) : null,
    forbiddenContent: forbidden.length ? share(forbidden.map((f) => f.pass)) : null,
    recallAt5: ret.length ? share(ret.map((r) => r.rank !== null)) : null,
    mrr: mean(ret.map((r) => (r.rank === null ? 0 : 1 / (r.rank + 1)))),
    signatureValidity: rate("signature"),
    logIntegrity: rate("logIntegrity"),
    latencyP50Ms: Math.round(percentile(lat, 50)),
    latencyP95Ms: Math.round(percentile(lat, 95)),
    casePass: share(cases.map((c) => c.pass)),
  };
}
