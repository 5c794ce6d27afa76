import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import type { SupportJudge } from "./checks.js";

export const JUDGE_PROMPT_VERSION = "support-judge-v1";

/**
 * Citation support judged by a model: does the cited passage entail the sentence? Binary,
 * temperature 0, cited passages only (ALCE's citation recall with an LLM as the NLI model).
 */
export function llmJudge(opts: { baseURL: string; apiKey?: string; model: string }): SupportJudge {
  const model = createOpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey ?? "none" }).chat(opts.model);
  return {
    name: `llm ${opts.model} (${JUDGE_PROMPT_VERSION})`,
    async supports(claim, passages) {
      const { text } = await generateText({
        model,
        temperature: 0,
        maxOutputTokens: 5,
        system: "You check citations. Answer with one word: YES if the passages state everything the sentence says, NO otherwise.",
        prompt: `${passages.map((p, i) => `<passage n="${i + 1}">\n${p}\n</passage>`).join("\n")}\n<sentence>\n${claim}\n</sentence>\nDo the passages support the sentence? YES or NO.`,
      });
      const supported = /^\W*yes\b/i.test(text);
      return { score: supported ? 1 : 0, supported };
    },
  };
}
