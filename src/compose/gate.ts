import { entityKey, extractEntities, sourceEntityKeys } from "./entities.js";

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

  /** `emit` gets each safe piece and the text still held after it (never to be shown by the receiver). */
  constructor(passages: readonly string[], allowed: readonly string[], private readonly emit: (s: string, ahead: string) => void) {
    this.known = new Set();
    for (const p of [...passages, ...allowed]) for (const k of sourceEntityKeys(p)) this.known.add(k);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(delta: string): void {
    if (this.closed) return;
    this.pending += delta;
    const cut = this.safeCut(this.pending);
    if (cut > 0) this.release(this.pending.slice(0, cut));
  }

  end(): void {
    if (!this.closed && this.pending) this.release(this.pending);
  }

  /**
   * Up to and including the whitespace after the last complete word, so what follows
   * knows that word is complete. The word still arriving is held: a word of letters alone
   * can still become an e-mail address ("info" → "info@…"), a URL ("www" → "www.…"), a
   * figure ("art" → "art12") or a month ("mar" → "mars"), and no letter rules that out.
   * A number may go on across a space ("1 888 353-2846", "9 h 30"), so the whitespace
   * after a word ending in a digit (or "9 h") is held too until the next word shows it
   * does not.
   */
  private safeCut(s: string): number {
    let cut = s.search(/\S*$/);
    for (;;) {
      const before = s.slice(0, cut).trimEnd();
      if (before.length === cut || before === "") break; // no whitespace left to cut at
      const after = s.slice(cut);
      if (!(/(?:[\d(+]|\d\s?h)$/.test(before) && (after === "" || /^[\d(h]/.test(after)))) break;
      cut = before.search(/\S*$/);
    }
    return cut;
  }

  private release(text: string): void {
    const bad = extractEntities(text).some((e) => !this.known.has(entityKey(e)));
    if (bad) {
      this.closed = true;
      return;
    }
    this.pending = this.pending.slice(text.length);
    this.emit(text, this.pending);
  }
}
