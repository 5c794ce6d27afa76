import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Lang } from "../contract/envelope.js";
import { fold } from "./analyze.js";

/**
 * A language's word list, folded (lower case, no accents: voters often type "election" for
 * "élection"), sorted and kept as one string with an offset table: about 10 MB for both
 * languages instead of ~55 MB as a Set of 600,000 strings.
 */
export class WordList {
  private constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
  ) {}

  static from(words: Iterable<string>): WordList {
    // Folding character by character (cached) is 5× faster than normalising 300,000 words.
    const chars = new Map<string, string>();
    const foldChar = (c: string) => chars.get(c) ?? (chars.set(c, fold(c)), chars.get(c)!);
    const folded = new Set<string>();
    for (const w of words) folded.add(w.toLowerCase().replace(/[^\x00-\x7f]/g, foldChar));
    const sorted = [...folded].sort();
    const starts = new Int32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach((w, i) => {
      starts[i] = at;
      at += w.length + 1;
    });
    starts[sorted.length] = at;
    return new WordList(sorted.join("\n") + "\n", starts);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(word: string): boolean {
    const w = fold(word);
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.text.slice(this.starts[mid]!, this.starts[mid + 1]! - 1);
      if (v === w) return true;
      if (v < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

const PACKAGES: Record<Lang, string> = { en: "an-array-of-english-words", fr: "an-array-of-french-words" };
const loaded: Partial<Record<Lang, WordList>> = {};

/**
 * The language's dictionary (the an-array-of-*-words packages, MIT), loaded on first use.
 * It tells a misspelling ("univeristies") from a real word the corpus happens not to use
 * ("shift", "fille"), which must not be "corrected" into a corpus word ("shirt", "file").
 */
export function dictionary(lang: Lang): WordList {
  return (loaded[lang] ??= loadWordList(lang));
}

/**
 * Read, not require()d: the module cache would keep the 600,000-string array alive.
 * Resolved here, once per language: `dictionary()` runs for every word a question has that
 * the corpus lacks, and a module resolution (file-system probes) per call cost 2% of a turn.
 */
function loadWordList(lang: Lang): WordList {
  const file = createRequire(import.meta.url).resolve(PACKAGES[lang]);
  return WordList.from(JSON.parse(readFileSync(file, "utf8")) as string[]);
}

/** Whether `word` is a word of `lang`: the retriever's `isWord` on Node. */
export function isDictionaryWord(word: string, lang: Lang): boolean {
  return dictionary(lang).has(word);
}

/**
 * Loads the dictionaries soon after start-up (about half a second each) rather than on the
 * first voter's question that has a word the corpus lacks. The timer never keeps a CLI alive.
 */
export function warmDictionaries(langs: Iterable<Lang>): void {
  const list = [...new Set(langs)];
  setTimeout(() => {
    for (const lang of list) dictionary(lang);
  }, 0).unref();
}
