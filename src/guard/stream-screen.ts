import { foreignUrls, normalisePassagesForChecks, openerViolation, wordingViolations, type IntegrityViolation } from "./output.js";
import { StreamHold } from "./stream-hold.js";

/** The next turn of the event loop: setImmediate where there is one (Node), else a zero timeout (Workers without it). */
const nextTurn = (run: () => void): void => {
  if (typeof setImmediate === "function") setImmediate(run);
  else setTimeout(run, 0);
};

/**
 * Sits between a model's streamed text (after the StreamGate) and the voter. The text so
 * far must pass the wording checks (a URL off the official sites, recited prompt, opinion,
 * party name, "as you asked"), and of what passes, everything is shown except:
 * - the last word while it is still arriving: it can still grow into a URL or a phrase word;
 * - the words from the earliest one that could still grow into something a check rejects
 *   (stream-hold.ts), until the phrase is complete and judged or can no longer complete;
 * - an opening "Yes,"/"Non," until its sentence is complete and judged.
 * So no character of a rejected phrase or URL is ever shown. Once something fails nothing
 * more is passed on: the pipeline rejects the answer and replaces it, and the voter never
 * saw the attack.
 */
export class StreamScreen {
  private text = "";
  private released = 0;
  private blocked: IntegrityViolation | null = null;
  private readonly passages: readonly string[];
  private readonly rawSources: string;
  /** The passages folded as the checks read them, and the hold over them: made on first use, since a screen whose text is released whole by the pipeline never reads them. */
  private folded: { sources: string; hold: StreamHold } | null = null;

  private ended = false;
  /** Text received after `text` but still held upstream (StreamGate): read, never shown. */
  private ahead = "";
  private scheduled = false;

  /**
   * `sourceUrls`: the retrieved chunks' official URLs, whose sites an answer may link to.
   * `defer` runs the checks and the release after a push: by default once per turn of the
   * event loop, so a burst of deltas costs one pass, and a composer that hands over its
   * whole answer at once (extractive) is judged once, at end().
   */
  constructor(
    passages: readonly string[],
    private readonly sourceUrls: readonly string[],
    private readonly forward: (s: string) => void,
    private readonly defer: (run: () => void) => void = nextTurn,
  ) {
    this.passages = passages;
    this.rawSources = passages.join("\n");
  }

  private get sources(): string {
    return this.foldedSources().sources;
  }

  private get hold(): StreamHold {
    return this.foldedSources().hold;
  }

  private foldedSources(): { sources: string; hold: StreamHold } {
    if (this.folded === null) {
      const sources = normalisePassagesForChecks(this.passages);
      this.folded = { sources, hold: new StreamHold(sources) };
    }
    return this.folded;
  }

  get violation(): IntegrityViolation | null {
    return this.blocked;
  }

  /** Whether nothing has been shown yet and the text received so far is exactly `text`. */
  holdsUnshown(text: string): boolean {
    return this.released === 0 && this.text === text;
  }

  /** `ahead`: what the sender still holds after `delta` (see Composer.compose). */
  push(delta: string, ahead = ""): void {
    if (this.blocked || this.ended) return;
    this.text += delta;
    this.ahead = ahead;
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.release();
    });
  }

  /** The answer was rejected: show nothing more, not even a release already scheduled. */
  abandon(): void {
    this.ended = true;
  }

  end(): void {
    this.ended = true;
    if (this.blocked || !this.check(true)) return;
    this.releaseTo(this.text.length);
  }

  private release(): void {
    if (this.blocked || this.ended || !this.check(false)) return;
    // Complete words end at the last whitespace; the word after it is still arriving.
    const upTo = this.text.search(/\S*$/);
    if (upTo <= this.released) return;
    this.releaseTo(this.hold.safeEnd(this.text, this.released, upTo, this.ahead));
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
