import type { Lang } from "../contract/envelope.js";
import { terms, words } from "../text/analyze.js";

/**
 * Two kinds of negation read differently. A negated predicate ("ne peut pas voter", "has
 * no power to move", "cannot") is an answer's polarity: "No, a 17-year-old cannot vote"
 * answers "can a 17-year-old vote?". The absence of a thing ("sans pièce d'identité",
 * "without ID", "lost my card") changes the topic: "without ID you can still vote" answers
 * a different question than "which ID?". Only absence matters when choosing sentences.
 */
const MARKER = /^(sans|without|aucune?|ni|nor|no|none|lost|lose|perdu\w*|oubli\w*|forgot\w*|forget)$/;
const PAS_DE = /\bpas\s+(de|d'|d’)\s*/gi;
/** A voter saying they do not have or did not get something. */
const LACK = /\b(n'?ai|j'?ai|j'|ai)\s*(pas|plus|jamais)\b|\bpas\s+(re[çc]u|eu)\b|\b(don'?t|do not|didn'?t|did not|haven'?t|have not|never)\s+(have|has|had|got|get|received?)\b/i;
const SPAN = 3;

/** Whether `text` speaks of the absence of one of `topic` (analysed terms) within a few words of a marker. */
export function mentionsAbsenceOf(text: string, lang: Lang, topic: ReadonlySet<string>): boolean {
  return absentAmong(absenceWindows(text, lang), topic);
}

/**
 * The analysed terms of the few words after each marker of absence in `text`: they depend on
 * the text alone, so a passage's are worked out once (compose/passage.ts) and matched
 * against each question's topic with absentAmong.
 */
export function absenceWindows(text: string, lang: Lang): string[][] {
  const ws = words(text.replace(PAS_DE, " sans "));
  const out: string[][] = [];
  for (let i = 0; i < ws.length; i++) {
    if (!MARKER.test(ws[i]!)) continue;
    out.push(terms(ws.slice(i + 1, i + 1 + SPAN).join(" "), lang));
  }
  return out;
}

/** Whether one of `topic` follows a marker of absence (windows from absenceWindows). */
export function absentAmong(windows: readonly (readonly string[])[], topic: ReadonlySet<string>): boolean {
  return windows.some((next) => next.some((t) => topic.has(t)));
}

/** Whether a voter's question is about lacking something: a marker of absence, or "I don't have / didn't get". */
export function asksAboutAbsence(question: string): boolean {
  return LACK.test(question) || words(question.replace(PAS_DE, " sans ")).some((w) => MARKER.test(w));
}
