import { passagesOf, type ChatRequestBody } from "../../tests/support/fake-openai.js";

/** The questions both LLM-mode benches (ttft, premodel) send: FR and EN, all answerable. */
export const LLM_BENCH_QUESTIONS = [
  { message: "Quelles pièces d'identité dois-je présenter pour voter?", lang: "fr" },
  { message: "What are the polling hours on election day?", lang: "en" },
  { message: "Comment voter par anticipation?", lang: "fr" },
  { message: "Can I vote if I am a student living away from home?", lang: "en" },
] as const;

/** What a well-behaved model answers: the first sentence of the first passage it was given, cited. */
export function citedFirstSentence(body: ChatRequestBody): string {
  const p = passagesOf(body)[0];
  const sentence = p ? (/^[^\n]*?[.!?](?=\s|$)/.exec(p.text)?.[0] ?? p.text.split("\n")[0]!) : "Voir le site d'Élections Québec.";
  return p ? `${sentence} [${p.n}]` : sentence;
}
