import { LiveMatcher } from "./live-match.js";
import { settledStartOfNormalised } from "./normalise.js";
import { PROMPT_SHINGLES, SHINGLE_WORDS, WORDING_PATTERNS, WORDING_VIEWS, type WordingView } from "./output.js";

const MATCHERS = WORDING_PATTERNS.map((p) => ({ view: p.view, matcher: new LiveMatcher(p.re) }));
const VIEWS = [...new Set(WORDING_PATTERNS.map((p) => p.view))];
const WORD = /[\p{L}\p{N}']+/gu;

/** The prompt's shingles, sorted: those opening with given words form one range. */
let sortedShingles: string[] | null = null;
function shinglesStartingWith(prefix: string): string[] {
  const all = (sortedShingles ??= [...PROMPT_SHINGLES].sort());
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < all.length && all[i]!.startsWith(prefix); i++) out.push(all[i]!);
  return out;
}

/**
 * The part of the word still arriving that the view of the finished word will start with,
 * whatever follows: views "raw" and "body" read a word character by character (case and
 * accents folded, a citation marker blanked), so its letters before any "[" are final.
 * The "normalised" view corrects whole words (typos, SMS spellings): only the first letter
 * is final, and not always (normalise.ts says which).
 */
function settledStart(view: WordingView, partial: string): string {
  if (view === "normalised") return settledStartOfNormalised(partial.split("[")[0] ?? "");
  const upToMarker = partial.split("[")[0] ?? "";
  return WORDING_VIEWS[view](upToMarker);
}

interface Token {
  start: number;
  end: number;
}

/**
 * How much of a streamed answer may be shown now: everything before the earliest word from
 * which the text so far could still grow into something the wording checks of output.ts
 * reject — a pattern of WORDING_PATTERNS (opinion, self-talk, party name, instruction) read
 * through the same views, or a run of words that opens a recited-prompt shingle no passage
 * contains. Text that cannot become a violation whatever follows is shown at once; a
 * phrase is held from its first word until it is complete (and judged by the checks) or
 * can no longer complete.
 */
export class StreamHold {
  /** Shingle openings already looked up: does some completion not appear in the passages? */
  private readonly openings = new Map<string, boolean>();

  /** `sources`: the passages, folded as normaliseForChecks does (a phrase they contain is allowed). */
  constructor(private readonly sources: string) {}

  /**
   * `text.slice(from, upTo)` is the not yet shown run of complete words (`from` is a word's
   * start or the whitespace before it, `upTo` the end of the whitespace after the last
   * word); `text.slice(upTo)` and then `ahead` (text held upstream) start the word still
   * arriving, which is never shown but whose first letters can already rule a phrase out
   * ("this d…" opens no shingle). Returns the
   * offset up to which it is safe to show: `upTo` when nothing can still become a
   * violation, else the start of the earliest word that could (or the end of the word
   * before it, when a pattern could begin on the space between them).
   */
  safeEnd(text: string, from: number, upTo: number, ahead = ""): number {
    const tokens: Token[] = [];
    for (const m of text.slice(from, upTo).matchAll(/\S+/g)) tokens.push({ start: from + m.index, end: from + m.index + m[0].length });
    if (tokens.length === 0) return upTo;
    // The word still arriving: the stream's last word and what the sender holds after it.
    const partial = /^\S*/.exec(text.slice(upTo) + ahead)![0];
    let safe = upTo;
    for (const view of VIEWS) {
      const { v, at, tail } = this.read(view, text, tokens, settledStart(view, partial));
      let earliest: number | null = null;
      for (const { view: mv, matcher } of MATCHERS) {
        if (mv !== view) continue;
        const s = matcher.earliestLiveStart(v, tail);
        if (s !== null && (earliest === null || s < earliest)) earliest = s;
      }
      if (view === "body") {
        const s = this.shingleOpening(v, tail);
        if (s !== null && (earliest === null || s < earliest)) earliest = s;
      }
      if (earliest !== null && earliest < tail) safe = Math.min(safe, this.rawOffset(earliest, at, tokens));
    }
    return safe;
  }

  /**
   * The view of the tokens, each read on its own and joined by single spaces, one after
   * the last, then the settled start of the word still arriving (from offset `tail`).
   */
  private read(view: WordingView, text: string, tokens: Token[], settled: string): { v: string; at: { start: number; end: number }[]; tail: number } {
    let v = "";
    const at: { start: number; end: number }[] = [];
    for (const t of tokens) {
      // Whitespace collapsed as the checks' own views collapse it, so no match is lost to a gap.
      const part = WORDING_VIEWS[view](text.slice(t.start, t.end)).replace(/\s+/g, " ").trim();
      at.push({ start: v.length, end: v.length + part.length });
      if (part !== "") v += `${part} `;
    }
    return { v: v + settled, at, tail: v.length };
  }

  /** A view offset back to the stream: the start of the token it falls in, or the end of the one before a gap. */
  private rawOffset(offset: number, at: { start: number; end: number }[], tokens: Token[]): number {
    for (let k = 0; k < tokens.length; k++) {
      if (offset < at[k]!.end || offset === at[k]!.start) return tokens[k]!.start;
      const nextStart = k + 1 < tokens.length ? at[k + 1]!.start : Infinity;
      if (offset < nextStart) return tokens[k]!.end;
    }
    return tokens.at(-1)!.end;
  }

  /**
   * Start of the earliest trailing run of words that opens a prompt shingle absent from
   * the passages. Words from `tail` on belong to the word still arriving: a prefix.
   */
  private shingleOpening(v: string, tail: number): number | null {
    const words = [...v.matchAll(WORD)];
    const open = words.length > 0 && words.at(-1)!.index >= tail;
    const longest = open ? SHINGLE_WORDS : SHINGLE_WORDS - 1;
    for (let j = Math.max(0, words.length - longest); j < words.length; j++) {
      if (words[j]!.index >= tail) break;
      const run = words.slice(j).map((m) => m[0]).join(" ");
      if (this.opensForeignShingle(open ? run : `${run} `)) return words[j]!.index;
    }
    return null;
  }

  private opensForeignShingle(prefix: string): boolean {
    let r = this.openings.get(prefix);
    if (r === undefined) {
      r = shinglesStartingWith(prefix).some((s) => !this.sources.includes(s));
      this.openings.set(prefix, r);
    }
    return r;
  }
}
