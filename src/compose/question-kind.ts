import { fold } from "../text/analyze.js";

/**
 * The kind of question a text asks, from its first interrogative word: "who", "how",
 * "when"… ("qui", "comment", "quand"…). In a corpus written as questions and answers, a
 * section headed "Who heads the agency?" answers "who is in charge?" better than one
 * headed "How is the head appointed?", though the second shares more words.
 * Null for yes/no questions and statements.
 */
const KINDS: [RegExp, string][] = [
  [/\b(who|whom|whose|qui)\b/, "who"],
  [/\b(how much|how many|combien)\b/, "how-much"],
  [/\b(how|comment)\b/, "how"],
  [/\b(when|quand|what time|a quelle heure|jusqu'?a quand|until when)\b/, "when"],
  [/\bwhere\b|(^|[^\p{L}])où([^\p{L}]|$)/u, "where"],
  [/\b(why|pourquoi)\b/, "why"],
  [/\b(what|which|quoi|quel|quelle|quels|quelles|qu'?est-ce)\b/, "what"],
];

export function questionKind(text: string, opts: { yesNo?: boolean } = {}): string | null {
  // Folded, but "où" (where) keeps its accent: "ou" is "or".
  const f = fold(text.replace(/où/gi, "\u0000")).replace(/\u0000/g, "où").replace(/[’`]/g, "'");
  let best: { at: number; kind: string } | null = null;
  for (const [re, kind] of KINDS) {
    const m = re.exec(f);
    if (m && (!best || m.index < best.at)) best = { at: m.index, kind };
  }
  if (best) return best.kind;
  // Headings are well-formed questions, so one without an interrogative word is a yes/no
  // question; voters' messages are not reliable enough to tell.
  return opts.yesNo && /\?\s*$/.test(text) ? "yes-no" : null;
}
