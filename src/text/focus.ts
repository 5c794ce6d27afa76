/**
 * Whether an answer's sentences address what the question asks about, not merely its
 * setting. The corpus is about elections, so words such as "vote", "polling station" or
 * "bureau de vote" appear in a large share of its passages (low IDF): every answer has
 * them. What a question is *about* is its rarer words — "photo", "prison", "curatelle" —
 * or, when the corpus has never seen a word ("dog", "parking", "wifi"), that word. An
 * answer whose selected sentences (or their sections' headings) hold none of the
 * question's specific corpus words, while the question has a word the corpus has never
 * seen, answers a neighbouring question: the voter asked about the dog, not the station.
 */
export interface FocusInput {
  /** The question's own analysed terms (not the conversation's earlier ones). */
  own: readonly string[];
  /** Terms the corpus does not know, after spelling correction and the lexicon. */
  unknown: ReadonlySet<string>;
  /** Terms that situate rather than ask: names, times, people, chat-speak. */
  neutral: ReadonlySet<string>;
  /** Misspelt term → the corpus term it stands for. */
  corrections: Readonly<Record<string, string>>;
  /** A voter's word → the official terms the lexicon maps it to ("ID" → "identité"). */
  officialFor: ReadonlyMap<string, readonly string[]>;
  /** Terms of the sentences the answer would quote, and of their sections' headings. */
  answered: ReadonlySet<string>;
  /** Corpus IDF of a term. */
  weight: (term: string) => number;
  /** IDF of a term no passage holds: the scale of `weight` for this corpus. */
  unseenWeight: number;
  /**
   * What the question's grammar marks as asked (text/asked.ts), one group of analysed terms
   * per phrase: the answer must hold a term of each group, however common or rare.
   */
  asked?: readonly (readonly string[])[];
  /** The act of a yes/no permission question (text/asked.ts `askedAct`), as analysed terms. */
  act?: readonly string[];
}

/**
 * Below this share of an unseen term's IDF, a term is election vocabulary ("vote",
 * "élection", "bureau", "poll"): present in about one passage in seven or more, it locates
 * a question without saying what it asks. Relative, so that it means the same in a small
 * corpus; on the official corpus (about 280 passages a language) it is an IDF of 2.
 * Calibrated on the eval sets (see README, Answerability).
 */
export const GENERIC_SHARE = 0.315;

export interface FocusVerdict {
  covered: boolean;
  /** Specific corpus terms of the question found in the answer. */
  matched: string[];
  /** Question words the corpus has never seen and that do not merely situate it. */
  unknownFocus: string[];
  /** Phrases the question asks about (as analysed terms) that the answer does not speak of. */
  missingAsked: string[][];
}

export function assessFocus(f: FocusInput): FocusVerdict {
  const unknownFocus = f.own.filter((t) => f.unknown.has(t) && !f.neutral.has(t) && !f.corrections[t] && t.length >= 3 && !/\d/.test(t));
  const matched = f.own.filter((t) => {
    // A person the voter names situates the question ("my wife" is not what is asked about
    // voting), unless the answer names the official role the lexicon gives them ("spouse"):
    // then it speaks of them ("Can my wife register me?" answered by what a spouse may do).
    if (f.neutral.has(t)) return (f.officialFor.get(t) ?? []).some((o) => f.answered.has(o) && f.weight(o) >= GENERIC_SHARE * f.unseenWeight);
    if (f.unknown.has(t) && !f.corrections[t]) return false;
    const term = f.corrections[t] ?? t;
    if (f.weight(term) < GENERIC_SHARE * f.unseenWeight) return false;
    return f.answered.has(term) || (f.officialFor.get(t) ?? []).some((o) => f.answered.has(o));
  }).map((t) => f.corrections[t] ?? t);
  // Weighing the unseen words against the matched ones (abstain when they outweigh them)
  // caught more unanswerable questions but cost far more answerable ones: see README.
  // The stemmer splits some inflections of one word ("acceptées" → accepte, "acceptée" →
  // accept; « aidées » → aide, « aider » → aid): stems of three letters or more that differ by
  // a final letter are the same word ("electr" and "elec" are not).
  const inflected = (a: string) => a.length >= 3 && [...f.answered].some((b) => b.length >= 3 && Math.abs(a.length - b.length) === 1 && (b.startsWith(a) || a.startsWith(b)));
  const holds = (t: string) => {
    const term = f.corrections[t] ?? t;
    // A word the corpus never uses in any form ("taxi") is not an inflection of one it does ("tax").
    const unseen = f.unknown.has(t) && !f.corrections[t];
    return f.answered.has(term) || (!unseen && inflected(term)) || (f.officialFor.get(t) ?? []).some((o) => f.answered.has(o));
  };
  const missingAsked = (f.asked ?? [])
    .map((group) => group.filter((t) => !f.neutral.has(t)))
    .filter((group) => group.length > 0 && !group.some(holds))
    .map((group) => [...group]);
  // The act binds only when the corpus has never used it (see askedAct).
  const act = (f.act ?? []).filter((t) => f.unknown.has(t) && !f.corrections[t] && !f.neutral.has(t));
  if (act.length > 0 && !act.some(holds)) missingAsked.push(act);
  return { covered: (matched.length > 0 || unknownFocus.length === 0) && missingAsked.length === 0, matched, unknownFocus, missingAsked };
}
