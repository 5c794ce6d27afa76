import { streamText, type LanguageModel } from "ai";
import type { Citation } from "../contract/envelope.js";
import type { Hit } from "../retrieve/retrieve.js";
import { OFFICIAL } from "../seal/official.js";
import { terms } from "../text/analyze.js";
import { StreamGate } from "./gate.js";
import { PROMPT_VERSION, systemPrompt, userPrompt } from "./prompts.js";
import type { Composer, ComposeInput, Composition } from "./types.js";
import { splitUnits } from "./units.js";
import { citedSegments } from "./verify.js";

export class LlmError extends Error {
  override readonly name = "LlmError";
}

const MAX_PASSAGES = 5;

/**
 * Composes through any OpenAI-compatible Chat Completions endpoint (AI SDK). The model's
 * text streams out through a StreamGate; citations are rebuilt from its [n] markers and
 * the passages it was actually given, with verbatim quotes chosen by code.
 */
export class LlmComposer implements Composer {
  readonly name = "llm" as const;
  constructor(private readonly model: LanguageModel, private readonly modelId: string, private readonly timeoutMs: number) {}

  async compose(input: ComposeInput, onDelta?: (d: string, ahead?: string) => void): Promise<Composition> {
    const hits = input.hits.slice(0, MAX_PASSAGES);
    const gate = new StreamGate(
      hits.map((h) => h.chunk.text),
      [`${OFFICIAL.link.fr.url} ${OFFICIAL.phoneDisplay.fr}`],
      (s, ahead) => onDelta?.(s, ahead),
    );
    let text = "";
    let failure: unknown;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    const result = streamText({
      model: this.model,
      instructions: systemPrompt(input.lang),
      prompt: userPrompt(input.question, hits, input.history),
      temperature: 0,
      maxRetries: 1,
      abortSignal: signal,
      // Off, not merely unset: the AI SDK's own telemetry would record the prompt (the voter's
      // question) in spans when an exporter is registered, which our spans never carry (serve/chat.ts),
      // and its tracing-channel set-up is ~0.5 ms on the path of the first token.
      telemetry: { isEnabled: false },
      // streamText reports HTTP failures here, not by throwing: record them.
      onError: ({ error }) => {
        failure = error;
      },
    });
    const holdBack = "NO_ANSWER";
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        text += part.text;
        // Do not stream the start of a refusal token.
        if (!holdBack.startsWith(text.trim()) || text.trim().length > holdBack.length) gate.push(part.text);
      } else if (part.type === "error") {
        failure = part.error;
      } else if (part.type === "abort") {
        failure = new LlmError("model call aborted (timeout)");
      }
    }
    if (failure !== undefined) throw new LlmError(`model call failed: ${describe(failure)}`, { cause: failure });
    gate.end();
    const body = text.trim();
    const base = { generator: "llm" as const, model: this.modelId, promptVersion: PROMPT_VERSION };
    if (body === "" ) throw new LlmError("model returned an empty answer");
    if (body.startsWith(holdBack)) return { ...base, kind: "abstain", body: "", citations: [] };
    return { ...base, kind: "answer", body, citations: citationsFor(body, hits, input.lang) };
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One citation per passage number the model used. A number outside the passages it was
 * given yields a citation to nothing (chunkId "unknown"), which verification rejects.
 */
function citationsFor(body: string, hits: readonly Hit[], lang: ComposeInput["lang"]): Citation[] {
  const segmentsByN = new Map<number, string[]>();
  for (const seg of citedSegments(body)) for (const n of seg.marks) segmentsByN.set(n, [...(segmentsByN.get(n) ?? []), seg.text]);
  return [...segmentsByN.keys()].sort((a, b) => a - b).map((n) => {
    const hit = hits[n - 1];
    if (!hit) return { n, sourceId: "unknown", chunkId: "unknown", title: "unknown", url: "https://invalid.example/", quote: "?" };
    return {
      n,
      sourceId: hit.chunk.docId,
      chunkId: hit.chunk.id,
      title: hit.chunk.title,
      url: hit.chunk.url,
      quote: bestUnit(hit.chunk.text, segmentsByN.get(n)!.join(" "), lang),
    };
  });
}

/** The passage sentence sharing most words with what the model said: a verbatim quote. */
function bestUnit(passage: string, claim: string, lang: ComposeInput["lang"]): string {
  const want = new Set(terms(claim, lang));
  let best = "";
  let bestScore = -1;
  for (const u of splitUnits(passage, lang)) {
    const score = terms(u, lang).filter((t) => want.has(t)).length;
    if (score > bestScore) [best, bestScore] = [u, score];
  }
  return best;
}
