/**
 * The k best-scored items offered, best first, without sorting everything offered (BM25
 * matches of a common term, every vector of a flat scan). Ties keep the order in which
 * they were offered, as a stable sort of all of them would; a score that is not better than
 * the worst kept one (NaN included) is dropped once k are held.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private filled = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.items = new Int32Array(k);
  }

  offer(item: number, score: number): void {
    const { k, scores, items } = this;
    if (this.filled === k && !(score > scores[k - 1]!)) return;
    let pos = this.filled === k ? k - 1 : this.filled++;
    while (pos > 0 && scores[pos - 1]! < score) {
      scores[pos] = scores[pos - 1]!;
      items[pos] = items[pos - 1]!;
      pos--;
    }
    scores[pos] = score;
    items[pos] = item;
  }

  /** The kept items, best first. */
  map<T>(fn: (item: number, score: number) => T): T[] {
    return Array.from({ length: this.filled }, (_, r) => fn(this.items[r]!, this.scores[r]!));
  }
}
