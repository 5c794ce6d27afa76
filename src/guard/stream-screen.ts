import { foreignUrls, normaliseForChecks, openerViolation, wordingViolations, type IntegrityViolation } from "./output.js";

/** Words held back behind the head of the stream: longer than any phrase the checks look for. */
const LAG_WORDS = 8;

/**
 * Sits between a model's streamed text and the StreamGate. Words are passed on only once
 * LAG_WORDS more have arrived and the whole text so far passes the wording checks
 * (a URL off the official sites, recited prompt, opinion, party name, "as you asked"), so
 * a phrase is always complete —
 * and caught — before its first word is shown. An opening "Yes,"/"Non," is held until its
 * sentence is complete and judged. Once something fails nothing more is passed on: the
 * pipeline rejects the answer and replaces it, and the voter never saw the attack.
 */
export class StreamScreen {
  private text = "";
  private released = 0;
  private blocked: IntegrityViolation | null = null;
  private readonly sources: string;
  private readonly rawSources: string;

  /** `sourceUrls`: the retrieved chunks' official URLs, whose sites an answer may link to. */
  constructor(passages: readonly string[], private readonly sourceUrls: readonly string[], private readonly forward: (s: string) => void) {
    this.rawSources = passages.join("\n");
    this.sources = normaliseForChecks(this.rawSources);
  }

  get violation(): IntegrityViolation | null {
    return this.blocked;
  }

  push(delta: string): void {
    if (this.blocked) return;
    this.text += delta;
    if (!this.check(false)) return;
    // Release up to the start of the LAG_WORDS-th word from the end.
    const starts = [...this.text.matchAll(/\S+/g)].map((m) => m.index);
    if (starts.length <= LAG_WORDS) return;
    this.releaseTo(starts[starts.length - LAG_WORDS]!);
  }

  end(): void {
    if (this.blocked || !this.check(true)) return;
    this.releaseTo(this.text.length);
  }

  /** False (and blocked) on a violation, or while an opening verdict is still undecided. */
  private check(final: boolean): boolean {
    // Until the end, the last word may be cut ("https://www.ele"): judge complete words only.
    const text = final ? this.text : this.text.replace(/\S+$/, "");
    const bad = foreignUrls(text, this.sourceUrls)[0] ?? wordingViolations(text, this.sources, this.rawSources)[0];
    if (bad) {
      this.blocked = bad;
      return false;
    }
    if (/^\s*(?:yes|yeah|yep|oui|no|non|nope)\b/i.test(this.text)) {
      const firstDone = final || /[.!?](?:\s|\[)/.test(this.text);
      if (!firstDone) return false;
      const opener = openerViolation(this.text.split(/(?<=[.!?])\s/)[0] ?? "", this.sources);
      if (opener) {
        this.blocked = opener;
        return false;
      }
    }
    return true;
  }

  private releaseTo(end: number): void {
    if (end <= this.released) return;
    this.forward(this.text.slice(this.released, end));
    this.released = end;
  }
}
