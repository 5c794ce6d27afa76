import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { isAbortError, retryWithExponentialBackoff } from "@ai-sdk/provider-utils";
import { APICallError } from "ai";
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
 *
 * The model is driven through the AI SDK's provider interface (`LanguageModelV4.doStream`,
 * the call `streamText` itself makes), with the SDK's own retry helper. `streamText` adds
 * what this composer does not use — tools, steps, output parsing, telemetry, callbacks —
 * as a chain of web streams that cost ~0.7 ms before the model request and ~0.5 ms per
 * chunk on this path (BENCHMARKS.md, time to first token), and it reports HTTP failures
 * only through a callback; here a failure is a thrown error or an `error` part, both kept.
 */
export class LlmComposer implements Composer {
  readonly name = "llm" as const;
  constructor(private readonly model: LanguageModelV4, private readonly modelId: string, private readonly timeoutMs: number) {}

  async compose(input: ComposeInput, onDelta?: (d: string, ahead?: string) => void): Promise<Composition> {
    const hits = input.hits.slice(0, MAX_PASSAGES);
    const gate = new StreamGate(
      hits.map((h) => h.chunk.text),
      [`${OFFICIAL.link.fr.url} ${OFFICIAL.phoneDisplay.fr}`],
      (s, ahead) => onDelta?.(s, ahead),
    );
    let text = "";
    let failure: unknown;
    const { signal, release } = modelCallSignal(input.signal, this.timeoutMs);
    const call: LanguageModelV4CallOptions = {
      prompt: [
        { role: "system", content: systemPrompt(input.lang) },
        { role: "user", content: [{ type: "text", text: userPrompt(input.question, hits, input.history) }] },
      ],
      temperature: 0,
      abortSignal: signal,
    };
    // One retry on what the provider marks retryable (429, 5xx, connection refused), as streamText's maxRetries: 1 did.
    const retry = retryWithExponentialBackoff({ maxRetries: 1, abortSignal: signal, shouldRetry: (e) => APICallError.isInstance(e) && e.isRetryable, getDelayInMs: retryDelayMs });
    const holdBack = "NO_ANSWER";
    try {
      const { stream } = await retry(() => this.model.doStream(call));
      const reader = stream.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        const part = r.value;
        if (part.type === "text-delta") {
          text += part.delta;
          // Do not stream the start of a refusal token.
          if (!holdBack.startsWith(text.trim()) || text.trim().length > holdBack.length) gate.push(part.delta);
        } else if (part.type === "error") {
          failure = part.error;
        }
      }
    } catch (err) {
      failure = signal.aborted || isAbortError(err) ? new LlmError("model call aborted (timeout)", { cause: err }) : err;
    } finally {
      release();
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

/**
 * Aborts the model call when the turn is told to stop or the model's own time is up. One
 * timer, cleared as soon as the call ends: AbortSignal.timeout and AbortSignal.any would keep
 * a timer and two more signals alive for the whole timeout after every turn.
 */
function modelCallSignal(turn: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; release: () => void } {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new DOMException("The model call timed out.", "TimeoutError")), timeoutMs);
  const onTurnAbort = () => ac.abort(turn!.reason);
  if (turn?.aborted) onTurnAbort();
  else turn?.addEventListener("abort", onTurnAbort, { once: true });
  return {
    signal: ac.signal,
    release: () => {
      clearTimeout(timer);
      turn?.removeEventListener("abort", onTurnAbort);
    },
  };
}

/**
 * The wait before the retry: the provider's Retry-After (or retry-after-ms) when it gives a
 * short one, else the SDK's exponential delay; the turn's deadline still bounds it.
 */
function retryDelayMs({ error, exponentialBackoffDelay }: { error: unknown; exponentialBackoffDelay: number }): number {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  const ms = headers?.["retry-after-ms"] !== undefined ? Number(headers["retry-after-ms"]) : headers?.["retry-after"] !== undefined ? Number(headers["retry-after"]) * 1000 : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 && ms <= 60_000 ? ms : exponentialBackoffDelay;
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
