import { extractEntities } from "./entities.js";

/**
 * Holds back streamed model text until it is safe to show: text is released word by
 * word, and any word carrying a URL, phone number, figure or date is released only if
 * some retrieved passage contains it. Once something fails, the gate closes for good
 * and the pipeline decides what replaces the answer.
 */
export class StreamGate {
  private pending = "";
  private closed = false;
  private readonly known: Set<string>;

  constructor(passages: readonly string[], allowed: readonly string[], private readonly emit: (s: string) => void) {
    this.known = new Set();
    for (const p of [...passages, ...allowed]) for (const e of extractEntities(p)) this.known.add(`${e.kind}:${e.key}`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(delta: string): void {
    if (this.closed) return;
    this.pending += delta;
    // Release up to the last whitespace that is not inside a number like "1 888 353-2846".
    const cut = this.safeCut(this.pending);
    if (cut > 0) this.release(this.pending.slice(0, cut));
  }

  end(): void {
    if (!this.closed && this.pending) this.release(this.pending);
  }

  private safeCut(s: string): number {
    let cut = s.search(/\s+\S*$/);
    while (cut > 0 && /[\d(+]$/.test(s.slice(0, cut).trimEnd()) && /^\s*[\d(]/.test(s.slice(cut))) {
      const before = s.slice(0, cut).trimEnd();
      cut = before.search(/\s+\S*$/);
    }
    return cut < 0 ? 0 : cut;
  }

  private release(text: string): void {
    const bad = extractEntities(text).some((e) => !this.known.has(`${e.kind}:${e.key}`));
    if (bad) {
      this.closed = true;
      return;
    }
    this.pending = this.pending.slice(text.length);
    this.emit(text);
  }
}
