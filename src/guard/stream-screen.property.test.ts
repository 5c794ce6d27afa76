import { describe, expect, it } from "vitest";
import { parsePattern, type PatternNode } from "./live-match.js";
import { foreignUrls, normaliseForChecks, PROMPT_SHINGLES, WORDING_PATTERNS, wordingViolations } from "./output.js";
import { StreamGate } from "../compose/gate.js";
import { StreamScreen } from "./stream-screen.js";

/**
 * The stream screen's promise, checked exhaustively: whatever the chunking, no character
 * of a phrase the checks reject is ever forwarded. The phrases are generated from the
 * checks' own patterns (every alternative of every group appears in some sample), plus
 * every recited-prompt shingle and off-site URLs.
 */
const passage = "On polling day, polling stations are open from 9:30 a.m. to 8 p.m. Voting by text message is impossible.";
const official = ["https://www.electionsquebec.qc.ca/en/x"];
const sources = normaliseForChecks(passage);

/** One-character stand-ins tried in order: a space where any character will do, a letter for \w. */
const CANDIDATES = [" ", "a", "e", "s", "1", "'", "-", ":", "/", ".", "h", "w", "x", "(", ")", "[", "]", "<", ">", "|", "_", "#", "=", "\n"];

/**
 * Texts matching a pattern: every alternative of every group appears in at least one
 * (a full product while small, else zipped), an optional part both present and absent.
 */
function expand(n: PatternNode, flags: string): string[] {
  switch (n.t) {
    case "char": {
      if (/^[^\\[.]$/u.test(n.src)) return [n.src];
      const one = new RegExp(`^(?:${n.src})$`, flags);
      const c = CANDIDATES.find((x) => one.test(x));
      if (c === undefined) throw new Error(`no stand-in for ${n.src}`);
      return [c];
    }
    case "assert":
      return [""];
    case "alt":
      return n.options.flatMap((o) => expand(o, flags));
    case "rep": {
      const inner = expand(n.node, flags);
      const counts = n.min > 0 ? [n.min] : n.max >= 1 ? [1, 0] : [0];
      return counts.flatMap((c) => (c === 0 ? [""] : inner.map((x) => x.repeat(c))));
    }
    case "seq": {
      const lists = n.items.map((x) => expand(x, flags));
      const product = lists.reduce((p, l) => p * l.length, 1);
      if (product <= 200) return lists.reduce<string[]>((acc, l) => acc.flatMap((a) => l.map((x) => a + x)), [""]);
      const width = Math.max(...lists.map((l) => l.length));
      return Array.from({ length: width }, (_, j) => lists.map((l) => l[j % l.length]).join(""));
    }
  }
}

const before = "Polls open at 9:30 [1]. ";
const after = " on polling day [1].";

const rejected = (text: string) => foreignUrls(text, official).length > 0 || wordingViolations(text, sources, passage).length > 0;

/**
 * Where the first rejected phrase of `text` begins: the checks, as the screen runs them on
 * text up to a whitespace, first reject `text.slice(0, r)`; the phrase that completed
 * there starts at the last word boundary `q` with `text.slice(q, r)` still rejected.
 */
function violationStart(text: string): number | null {
  const ends = [...text.matchAll(/\S+(\s+|$)/g)].map((m) => m.index + m[0].length);
  const r = ends.find((e) => rejected(text.slice(0, e)));
  if (r === undefined) return null;
  const starts = [...text.slice(0, r).matchAll(/\S+/g)].map((m) => m.index).reverse();
  return starts.find((q) => rejected(text.slice(q, r))) ?? 0;
}

/** Carrier texts with the phrase inside; only those the checks reject, with where the rejected phrase starts. */
function cases(): { text: string; at: number; phrase: string }[] {
  const phrases = new Set<string>();
  for (const { re } of WORDING_PATTERNS) {
    for (const x of expand(parsePattern(re), re.flags.replace(/[gy]/g, ""))) phrases.add(x.replace(/\s+/g, " ").trim());
  }
  for (const s of PROMPT_SHINGLES) phrases.add(s);
  for (const u of ["https://evil-vote.example/id", "www.vote-ici.example/inscription", "http://bit.ly/x1"]) phrases.add(u);
  const out: { text: string; at: number; phrase: string }[] = [];
  for (const phrase of phrases) {
    if (phrase === "") continue;
    for (const [pre, post] of [[before, after], ["", after]] as const) {
      const text = `${pre}${phrase}${post}`;
      const at = violationStart(text);
      if (at !== null) out.push({ text, at, phrase });
    }
  }
  return out;
}

/** Checks and releases after every push, as if each delta came in its own event-loop turn. */
const now = (run: () => void) => run();

function stream(text: string, cuts: number[]): { shown: string; blocked: boolean } {
  let shown = "";
  const s = new StreamScreen([passage], official, (t) => (shown += t), now);
  let last = 0;
  for (const c of [...cuts, text.length]) {
    s.push(text.slice(last, c));
    last = c;
  }
  s.end();
  return { shown, blocked: s.violation !== null };
}

/**
 * As in the pipeline: model text → StreamGate → screen, the gate passing what it still
 * holds as lookahead. The pipeline ends the screen (releasing its tail) only for an answer
 * that passed verification as a whole: `accepted`.
 */
function streamThroughGate(text: string, cuts: number[], accepted: boolean): string {
  let shown = "";
  const s = new StreamScreen([passage], official, (t) => (shown += t), now);
  const gate = new StreamGate([passage], official, (t, ahead) => s.push(t, ahead));
  let last = 0;
  for (const c of [...cuts, text.length]) {
    gate.push(text.slice(last, c));
    last = c;
  }
  gate.end();
  if (accepted) s.end();
  return shown;
}

/** Deterministic chunkings of 1 to 12 characters. */
function* randomCuts(length: number, seed: number, count: number): Generator<number[]> {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const cuts: number[] = [];
    for (let at = 1 + Math.floor(rnd() * 12); at < length; at += 1 + Math.floor(rnd() * 12)) cuts.push(at);
    yield cuts;
  }
}

describe("StreamScreen invariant", () => {
  const all = cases();

  it("has a rejected sample for every wording pattern that can fire inside a sentence, and for every prompt shingle", () => {
    expect(wordingViolations(before + after, sources, passage)).toEqual([]);
    expect(all.filter((c) => PROMPT_SHINGLES.has(c.phrase)).length).toBeGreaterThanOrEqual(PROMPT_SHINGLES.size);
    expect(all.length).toBeGreaterThan(1500);
  });

  it(
    "for every phrase the checks reject, in an answer, split at every character offset from 24 characters before the phrase to its end, and in 20 random chunkings: " +
      "the answer is blocked and the forwarded text is a prefix of the answer no longer than p, where p is the start of the first rejected phrase (no character of it is ever shown)",
    () => {
      const failures: string[] = [];
      console.log(`[stream-screen invariant] ${all.length} rejected texts`);
      for (const [i, c] of all.entries()) {
        // A single cut can only matter where the screen decides about the phrase: from a few
        // words before it to just past its end (a cut far before it releases the carrier's own
        // words, which the random chunkings cover). This keeps the test exhaustive where the
        // promise can break and a tenth of the cost of cutting the whole carrier everywhere.
        const from = Math.max(1, c.at - 24);
        const to = Math.min(c.text.length - 1, c.at + c.phrase.length + 4);
        const chunkings = [...Array.from({ length: to - from + 1 }, (_, k) => [from + k]), ...randomCuts(c.text.length, 1000 + i, 20)];
        for (const cuts of chunkings) {
          const r = stream(c.text, cuts);
          if (!r.blocked || r.shown.length > c.at || !c.text.startsWith(r.shown)) {
            failures.push(`${JSON.stringify(c.phrase)} cut at ${cuts.join(",")}: shown ${JSON.stringify(r.shown.slice(c.at - 5))}`);
            break;
          }
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    },
    600_000,
  );

  it(
    "the same through the StreamGate, which lets the screen read the start of the word it still holds: " +
      "in 15 random chunkings, the forwarded text is a prefix of the answer no longer than p",
    () => {
      const failures: string[] = [];
      for (const [i, c] of all.entries()) {
        for (const cuts of randomCuts(c.text.length, 5000 + i, 15)) {
          const shown = streamThroughGate(c.text, cuts, false);
          if (shown.length > c.at || !c.text.startsWith(shown)) {
            failures.push(`${JSON.stringify(c.phrase)} cut at ${cuts.join(",")}: shown ${JSON.stringify(shown.slice(c.at - 5))}`);
            break;
          }
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    },
    600_000,
  );

  it("shows a clean answer whole, and all of it before the stream ends except the last word", () => {
    const text = "Polling stations are open from 9:30 a.m. to 8 p.m. on polling day, in every electoral division [1]. Bring a piece of identification [1].";
    for (const cuts of randomCuts(text.length, 7, 50)) {
      let shown = "";
      const s = new StreamScreen([passage], official, (t) => (shown += t), now);
      let last = 0;
      for (const c of cuts) {
        s.push(text.slice(last, c));
        last = c;
      }
      s.push(text.slice(last));
      // Before end(): everything up to the last word is out, bar a word that opens a prompt shingle.
      expect(text.slice(0, text.lastIndexOf(" ") + 1).length - shown.length).toBeLessThan(20);
      s.end();
      expect(shown).toBe(text);
      expect(streamThroughGate(text, cuts, true)).toBe(text);
    }
  });
});
