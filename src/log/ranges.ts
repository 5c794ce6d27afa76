/**
 * Sets of row numbers as sorted, inclusive [from, to] ranges: a purge of thousands of
 * consecutive rows is recorded on the chain as a handful of pairs.
 */
export type SeqRange = [from: number, to: number];

/** Compresses row numbers (any order, duplicates allowed) into sorted inclusive ranges. */
export function toRanges(seqs: Iterable<number>): SeqRange[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const out: SeqRange[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

export function rangeCount(ranges: readonly SeqRange[]): number {
  return ranges.reduce((n, [a, b]) => n + (b - a + 1), 0);
}

/** Appends one number to ranges built in increasing order. */
export function pushSeq(ranges: SeqRange[], seq: number): void {
  const last = ranges[ranges.length - 1];
  if (last && seq === last[1] + 1) last[1] = seq;
  else if (!last || seq > last[1]) ranges.push([seq, seq]);
}

/** The numbers of `wanted` that no range of `covered` contains, as ranges. */
export function subtractRanges(wanted: readonly SeqRange[], covered: readonly SeqRange[]): SeqRange[] {
  const cov = [...covered].sort((a, b) => a[0] - b[0]);
  const out: SeqRange[] = [];
  for (const [from, to] of wanted) {
    let start = from;
    for (const [cf, ct] of cov) {
      if (ct < start || cf > to) continue;
      if (cf > start) out.push([start, cf - 1]);
      start = Math.max(start, ct + 1);
      if (start > to) break;
    }
    if (start <= to) out.push([start, to]);
  }
  return out;
}
