import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { LOWER_IS_BETTER, METRIC_KEYS, type MetricKey, type Metrics } from "./metrics.js";

export const THRESHOLDS_FILE = path.resolve(import.meta.dirname, "../thresholds.json");

const Limits = z.partialRecord(z.enum(METRIC_KEYS), z.number().nullable());
/**
 * A known shortfall, recorded in the open: the target stays, the run still shows the metric
 * as missed, but the verdict holds unless the metric falls below `floor` (a ratchet: raise the
 * floor as the product improves, delete the waiver once the target is met).
 */
const Waiver = z.strictObject({ floor: z.number(), reason: z.string().min(10) });
export const ThresholdsSchema = z.strictObject({
  version: z.number().int().min(1),
  note: z.string().optional(),
  default: Limits,
  datasets: z.record(z.string(), Limits).default({}),
  waivers: z.record(z.string(), z.partialRecord(z.enum(METRIC_KEYS), Waiver)).default({}),
});
export type Waiver = z.infer<typeof Waiver>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export async function readThresholds(file = THRESHOLDS_FILE): Promise<Thresholds> {
  const raw = JSON.parse(await readFile(file, "utf8")) as unknown;
  const r = ThresholdsSchema.safeParse(raw);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}

/** The limits that apply to a dataset: defaults, then every matching override (exact name last). */
export function limitsFor(t: Thresholds, dataset: string): Partial<Record<MetricKey, number | null>> {
  const prefix = Object.entries(t.datasets).filter(([k]) => k.endsWith("*") && dataset.startsWith(k.slice(0, -1)));
  const exact = t.datasets[dataset];
  return Object.assign({}, t.default, ...prefix.map(([, v]) => v), exact ?? {});
}

export interface Gate {
  metric: MetricKey;
  limit: number;
  value: number | null;
  /** The verdict: met, or missed but above a recorded waiver's floor. */
  pass: boolean;
  /** Whether the target itself is met. */
  met: boolean;
  /** Set when the target is missed and a waiver held the verdict. */
  waived?: Waiver;
  /** "min" or "max". */
  direction: "min" | "max";
}

export function gate(metrics: Metrics, limits: Partial<Record<MetricKey, number | null>>, waivers: Partial<Record<MetricKey, Waiver>> = {}): Gate[] {
  const out: Gate[] = [];
  for (const metric of METRIC_KEYS) {
    const limit = limits[metric];
    if (limit === null || limit === undefined) continue;
    const value = metrics[metric];
    const direction = LOWER_IS_BETTER.has(metric) ? "max" : "min";
    const meets = (l: number) => value === null || (direction === "min" ? value >= l - 1e-9 : value <= l + 1e-9);
    // Nothing to measure (e.g. recall on a set with no answerable question) passes.
    const met = meets(limit);
    const w = waivers[metric];
    if (met || !w) out.push({ metric, limit, value, pass: met, met, direction });
    else out.push({ metric, limit, value, pass: meets(w.floor), met, direction, waived: w });
  }
  return out;
}

/** The waivers recorded for a dataset (none with --strict). */
export function waiversFor(t: Thresholds, dataset: string): Partial<Record<MetricKey, Waiver>> {
  return t.waivers[dataset] ?? {};
}
