import { parseDelta, parseEnvelope, parseErrorCode, parseJson, parseTurnStatuses, parseWidgetConfig, type TurnStatus, type WidgetConfig, type WidgetEnvelope } from "./envelope.js";
import { SseParser } from "./sse.js";

/** How one question ended, as the panel needs to show it. */
export type ChatOutcome =
  | { type: "answer"; envelope: WidgetEnvelope; raw: unknown }
  | { type: "rate_limited"; retryAfterSeconds: number | null }
  | { type: "error"; code: string }
  | { type: "network" }
  | { type: "interrupted" };

export interface StreamHandlers {
  onDelta(text: string): void;
  onReset(): void;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function errorCode(res: Response): Promise<string> {
  const parsed = parseJson(await res.text().catch(() => ""));
  return (parsed.ok ? parseErrorCode(parsed.value) : null) ?? `http_${res.status}`;
}

/** POST /api/chat as a stream: deltas and resets go to the handlers, the outcome is returned. */
export async function ask(api: string, body: { message: string; conversationId?: string }, handlers: StreamHandlers, signal?: AbortSignal): Promise<ChatOutcome> {
  let res: Response;
  try {
    res = await fetch(`${api}/api/chat`, {
      method: "POST",
      credentials: "omit",
      headers: { accept: "text/event-stream", "content-type": "application/json" },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { type: "network" };
  }
  if (res.status === 429) return { type: "rate_limited", retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after"), Date.now()) };
  if (!res.ok) return { type: "error", code: await errorCode(res) };
  if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) return { type: "error", code: "not_a_stream" };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { type: "interrupted" };
      for (const ev of parser.push(value)) {
        const data = parseJson(ev.data);
        const value = data.ok ? data.value : null;
        if (ev.event === "delta") {
          const text = parseDelta(value);
          if (text !== null) handlers.onDelta(text);
        } else if (ev.event === "reset") {
          handlers.onReset();
        } else if (ev.event === "answer") {
          const envelope = parseEnvelope(value);
          return envelope ? { type: "answer", envelope, raw: value } : { type: "error", code: "invalid_answer" };
        } else if (ev.event === "error") {
          const code = parseErrorCode(value) ?? "stream_error";
          return code === "rate_limited" ? { type: "rate_limited", retryAfterSeconds: null } : { type: "error", code };
        }
      }
    }
  } catch {
    return { type: "interrupted" };
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** Publication status of answers on screen; null when the check itself failed. */
export async function fetchStatuses(api: string, ids: readonly string[]): Promise<Map<string, TurnStatus> | null> {
  if (ids.length === 0) return new Map();
  try {
    const res = await fetch(`${api}/api/turns/status?ids=${ids.map(encodeURIComponent).join(",")}`, { credentials: "omit", headers: { accept: "application/json" } });
    if (!res.ok) return null;
    return parseTurnStatuses(await res.json());
  } catch {
    return null;
  }
}

export async function fetchWidgetConfig(api: string): Promise<WidgetConfig | null> {
  try {
    const res = await fetch(`${api}/api/widget/config`, { credentials: "omit", headers: { accept: "application/json" } });
    if (!res.ok) return null;
    return parseWidgetConfig(await res.json());
  } catch {
    return null;
  }
}
