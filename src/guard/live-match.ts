/**
 * Where, in a text that is still arriving, a match of a regular expression could still
 * begin: the earliest offset from which the text so far is the start of some match. The
 * stream screen (stream-screen.ts) shows text up to that offset and holds the rest, so a
 * phrase a check looks for is held from its first word for exactly as long as it could
 * still turn into a match, and no longer.
 *
 * JavaScript regexes cannot answer "could this still match if more text came?", so the
 * pattern's own source is compiled into a Thompson automaton and run over the text from
 * every start at once (a Pike VM). Only the structure is parsed (groups, alternation,
 * quantifiers, assertions); each single-character atom ("a", "[rsz]", "\p{L}", ".") and
 * each assertion is evaluated by the JavaScript engine itself with the pattern's flags, so
 * character classes, case folding and Unicode properties mean exactly what they mean in
 * the check. The answer may only err one way: an assertion that depends on text not yet
 * arrived counts as satisfied, so an offset is reported live whenever it might be.
 * Constructs the parser does not know (backreferences) throw when the pattern is loaded,
 * so a new check cannot silently escape the screen.
 */

/** A pattern's structure: one-character atoms and assertions keep their source text. */
export type PatternNode =
  | { t: "char"; src: string }
  | { t: "assert"; src: string; inner: PatternNode | null; ahead: boolean }
  | { t: "seq"; items: PatternNode[] }
  | { t: "alt"; options: PatternNode[] }
  | { t: "rep"; node: PatternNode; min: number; max: number };
type Node = PatternNode;

/** The structure of `re` (throws on what the matcher cannot follow, e.g. backreferences). */
export function parsePattern(re: RegExp): PatternNode {
  return new Parser(re.source).parse();
}

type State =
  | { k: "char"; test: (ch: string) => boolean; out: number }
  | { k: "split"; out: number; out2: number }
  | { k: "assert"; test: (text: string, pos: number) => boolean; out: number }
  | { k: "match" };

class Parser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): Node {
    const n = this.alt();
    if (this.i < this.p.length) throw this.error("unbalanced )");
    return n;
  }

  private error(what: string): Error {
    return new Error(`live-match: ${what} at ${this.i} in /${this.p}/`);
  }

  private alt(): Node {
    const options = [this.seq()];
    while (this.p[this.i] === "|") {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0]! : { t: "alt", options };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== "|" && this.p[this.i] !== ")") items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0]! : { t: "seq", items };
  }

  private quantified(node: Node): Node {
    const rest = this.p.slice(this.i);
    const q = /^(?:([?*+])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
    if (!q) return node;
    this.i += q[0].length;
    if (node.t === "assert") return node; // a quantified assertion is still only an assertion
    if (q[1] === "?") return { t: "rep", node, min: 0, max: 1 };
    if (q[1] === "*") return { t: "rep", node, min: 0, max: Infinity };
    if (q[1] === "+") return { t: "rep", node, min: 1, max: Infinity };
    const min = Number(q[2]);
    const max = q[3] === undefined ? min : q[4] === "" ? Infinity : Number(q[4]);
    return { t: "rep", node, min, max };
  }

  private atom(): Node {
    const p = this.p;
    const c = p[this.i]!;
    if (c === "(") {
      const look = /^\(\?(<?[=!])/.exec(p.slice(this.i));
      if (look) {
        const start = this.i;
        this.i += look[0].length;
        const inner = this.alt();
        if (p[this.i] !== ")") throw this.error("missing )");
        this.i++;
        return { t: "assert", src: p.slice(start, this.i), inner, ahead: !look[1]!.startsWith("<") };
      }
      const named = /^\(\?<[A-Za-z_$][\w$]*>/.exec(p.slice(this.i));
      this.i += p.startsWith("(?:", this.i) ? 3 : named ? named[0].length : 1;
      const inner = this.alt();
      if (p[this.i] !== ")") throw this.error("missing )");
      this.i++;
      return inner;
    }
    if (c === "[") {
      const start = this.i++;
      if (p[this.i] === "^") this.i++;
      if (p[this.i] === "]") this.i++;
      while (this.i < p.length && p[this.i] !== "]") this.i += p[this.i] === "\\" ? 2 : 1;
      if (p[this.i] !== "]") throw this.error("missing ]");
      this.i++;
      return { t: "char", src: p.slice(start, this.i) };
    }
    if (c === "\\") {
      const e = p[this.i + 1];
      if (e === undefined) throw this.error("trailing \\");
      if (e === "b" || e === "B") {
        this.i += 2;
        return { t: "assert", src: `\\${e}`, inner: null, ahead: true };
      }
      if (/[1-9k]/.test(e)) throw this.error("backreference");
      const long = /^\\(?:[pP]\{[^}]*\}|u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|c[A-Za-z])/.exec(p.slice(this.i));
      const len = long ? long[0].length : 2;
      const src = p.slice(this.i, this.i + len);
      this.i += len;
      return { t: "char", src };
    }
    if (c === "^" || c === "$") {
      this.i++;
      return { t: "assert", src: c, inner: null, ahead: c === "$" };
    }
    if (c === ")" || c === "|") throw this.error(`unexpected ${c}`);
    const cp = String.fromCodePoint(p.codePointAt(this.i)!);
    this.i += cp.length;
    return { t: "char", src: cp === "." ? "." : cp };
  }
}

/** Longest text a node can match (Infinity when unbounded): how far an assertion looks. */
function maxLength(n: Node | null): number {
  if (n === null) return 1; // \b, $: the next character decides
  switch (n.t) {
    case "char":
      return 2; // one code point, up to two UTF-16 units
    case "assert":
      return 0;
    case "seq":
      return n.items.reduce((s, x) => s + maxLength(x), 0);
    case "alt":
      return Math.max(...n.options.map(maxLength));
    case "rep":
      return n.max === 0 ? 0 : n.max * maxLength(n.node);
  }
}

/** A regular expression compiled for "could a match still start here?". */
export class LiveMatcher {
  private readonly states: State[] = [];
  private readonly start: number;
  private readonly match: number;
  /**
   * Per character, the first steps a match starting there can take: the character state
   * that reads it and the assertions on the way. Most characters start nothing; a letter
   * starts a few alternatives, not the hundreds a phrase list holds. Null: the pattern can
   * match empty text, so every start is followed in full.
   */
  private readonly firstSteps = new Map<string, { asserts: number[]; out: number }[] | null>();

  /** Whether the pattern reads code points (flag u or v) rather than UTF-16 units, as the text must be read. */
  private readonly unicode: boolean;

  constructor(readonly re: RegExp) {
    const flags = re.flags.replace(/[gyd]/g, "");
    this.unicode = /[uv]/.test(flags);
    const root = parsePattern(re);
    this.match = this.add({ k: "match" });
    this.start = this.compile(root, this.match, flags);
  }

  private add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }

  private compile(n: Node, next: number, flags: string): number {
    switch (n.t) {
      case "char": {
        const one = new RegExp(`^(?:${n.src})$`, flags);
        const seen = new Map<string, boolean>();
        const test = (ch: string) => {
          let r = seen.get(ch);
          if (r === undefined) seen.set(ch, (r = one.test(ch)));
          return r;
        };
        return this.add({ k: "char", test, out: next });
      }
      case "assert": {
        const sticky = new RegExp(n.src, `${flags}y`);
        const reach = n.ahead ? maxLength(n.inner) : 0;
        const negative = n.src.startsWith("(?!") || n.src === "\\B";
        const test = (text: string, pos: number) => {
          sticky.lastIndex = pos;
          if (sticky.test(text)) return true;
          // Undecided while the text it looks at has not all arrived: count it as satisfied.
          return n.ahead && (pos + reach > text.length || (negative && reach === Infinity));
        };
        return this.add({ k: "assert", test, out: next });
      }
      case "seq": {
        let s = next;
        for (let i = n.items.length - 1; i >= 0; i--) s = this.compile(n.items[i]!, s, flags);
        return s;
      }
      case "alt": {
        const starts = n.options.map((o) => this.compile(o, next, flags));
        let s = starts.at(-1)!;
        for (let i = starts.length - 2; i >= 0; i--) s = this.add({ k: "split", out: starts[i]!, out2: s });
        return s;
      }
      case "rep": {
        let s = next;
        if (n.max === Infinity) {
          const loop = this.add({ k: "split", out: -1, out2: next });
          (this.states[loop] as { out: number }).out = this.compile(n.node, loop, flags);
          s = loop;
        } else {
          for (let i = n.min; i < n.max; i++) s = this.add({ k: "split", out: this.compile(n.node, s, flags), out2: s });
        }
        for (let i = 0; i < n.min; i++) s = this.compile(n.node, s, flags);
        return s;
      }
    }
  }

  /**
   * The earliest offset of `text` from which a match could still begin once more text is
   * appended, or null when none can. A match complete by offset `judged` is not "live":
   * the check itself has judged that text; one that ends later (in a word still
   * arriving) is. `text` is taken to be preceded by a space, or by nothing.
   */
  earliestLiveStart(text: string, judged = text.length): number | null {
    let threads = new Map<number, number>(); // state → earliest start reaching it
    let earliest: number | null = null;
    const unjudged = (into: Map<number, number>, pos: number) => {
      if (pos <= judged) return;
      const from = into.get(this.match);
      if (from !== undefined && (earliest === null || from < earliest)) earliest = from;
    };
    for (let pos = 0; ; ) {
      if (pos === text.length) break; // a match starting after the text holds none of it
      const ch = this.unicode ? String.fromCodePoint(text.codePointAt(pos)!) : text[pos]!;
      const steps = this.stepsFor(ch);
      if (steps === null) {
        this.follow(threads, this.start, pos, text, pos);
        unjudged(threads, pos);
      }
      const next = new Map<number, number>();
      const after = pos + ch.length;
      for (const [s, from] of threads) {
        const st = this.states[s]!;
        if (st.k === "char" && st.test(ch)) this.follow(next, st.out, from, text, after);
      }
      // A match starting here comes last: every thread already in `next` started earlier.
      for (const step of steps ?? []) {
        if (step.asserts.every((a) => (this.states[a] as { test: (t: string, p: number) => boolean }).test(text, pos))) this.follow(next, step.out, pos, text, after);
      }
      threads = next;
      unjudged(threads, after);
      pos = after;
    }
    for (const [s, from] of threads) if (this.states[s]!.k === "char" && (earliest === null || from < earliest)) earliest = from;
    return earliest;
  }

  /** Adds state `s` and everything reachable from it without reading a character. */
  private follow(into: Map<number, number>, s: number, from: number, text: string, pos: number): void {
    if (into.has(s)) return; // threads are added in order of start: the first is the earliest
    into.set(s, from);
    const st = this.states[s]!;
    if (st.k === "split") {
      this.follow(into, st.out, from, text, pos);
      this.follow(into, st.out2, from, text, pos);
    } else if (st.k === "assert" && st.test(text, pos)) this.follow(into, st.out, from, text, pos);
  }

  private stepsFor(ch: string): { asserts: number[]; out: number }[] | null {
    const known = this.firstSteps.get(ch);
    if (known !== undefined) return known;
    let steps: { asserts: number[]; out: number }[] | null = [];
    const seen = new Set<string>();
    const walk = (s: number, asserts: number[], depth: number): void => {
      if (steps === null) return;
      const key = `${s}:${asserts.join(",")}`;
      if (seen.has(key) || depth > 10_000) return;
      seen.add(key);
      const st = this.states[s]!;
      if (st.k === "char") {
        if (st.test(ch)) steps.push({ asserts, out: st.out });
      } else if (st.k === "split") {
        walk(st.out, asserts, depth + 1);
        walk(st.out2, asserts, depth + 1);
      } else if (st.k === "assert") walk(st.out, [...asserts, s], depth + 1);
      else steps = null;
    };
    walk(this.start, [], 0);
    if (this.firstSteps.size < 4096) this.firstSteps.set(ch, steps);
    return steps;
  }
}
