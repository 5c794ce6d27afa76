/**
 * A Server-Sent Events body the turn writes into directly. Hono's streamSSE routes every
 * event through a TransformStream, its writer and a second pulling ReadableStream before the
 * server reads it: three stream hops per event on the path of the first token. Here an
 * event is encoded and enqueued on the response body itself. Runs wherever web streams do
 * (Node, Workers). No back-pressure is needed: a turn writes a few kilobytes at most.
 */
export interface SseSink {
  /** Whether the client still reads: false once it went away or the stream was closed. */
  readonly open: boolean;
  send(event: string, data: string): void;
  close(): void;
}

export interface SseStream {
  body: ReadableStream<Uint8Array>;
  sink: SseSink;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  // A voter's conversation is never stored by a browser or proxy cache (Law 25), nor served from one.
  "cache-control": "no-store",
  // A reverse proxy (nginx) would otherwise buffer the stream and deliver the answer in one piece.
  "x-accel-buffering": "no",
};

/** One event in the wire format: every line of `data` gets its own `data:` field. */
export function sseEvent(event: string, data: string): string {
  if (/[\r\n]/.test(event)) throw new Error("an SSE event name cannot contain a line break");
  const lines = /[\r\n]/.test(data) ? data.split(/\r\n|\r|\n/) : [data];
  let out = `event: ${event}\n`;
  for (const line of lines) out += `data: ${line}\n`;
  return out + "\n";
}

export function sseStream(): SseStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      open = false;
    },
  });
  return {
    body,
    sink: {
      get open() {
        return open;
      },
      send(event, data) {
        if (open) controller.enqueue(encoder.encode(sseEvent(event, data)));
      },
      close() {
        if (!open) return;
        open = false;
        controller.close();
      },
    },
  };
}
