/** Small numeric helpers shared by the benchmarks: a seeded PRNG and latency summaries. */

/** mulberry32: a 32-bit seeded PRNG that never overflows into floats (PERF.md protocol). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates from a uniform source (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function mean(sample: readonly number[]): number {
  return sample.reduce((s, x) => s + x, 0) / sample.length;
}

export const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : "—");
export const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");

/** Progress on stderr, so stdout stays the result. */
export function progress(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** "range a–b, median m" of repeated runs' figures (PERF.md protocol: the best, with the spread). */
export function spread(values: readonly number[], format: (x: number) => string): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `range ${format(sorted[0]!)}–${format(sorted.at(-1)!)}, median ${format(sorted[Math.floor(sorted.length / 2)]!)}`;
}
