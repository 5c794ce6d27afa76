import { describe, expect, it } from "vitest";
import { sseEvent, sseStream } from "./sse.js";

const readAll = async (body: ReadableStream<Uint8Array>) => new Response(body).text();

describe("SSE body", () => {
  it("writes an event name and one data field per line of data", () => {
    expect(sseEvent("delta", '{"text":"Bonjour"}')).toBe('event: delta\ndata: {"text":"Bonjour"}\n\n');
    expect(sseEvent("note", "a\nb\r\nc")).toBe("event: note\ndata: a\ndata: b\ndata: c\n\n");
  });

  it("refuses an event name that would break the framing", () => {
    expect(() => sseEvent("delta\ndata: forged", "{}")).toThrow(/line break/);
  });

  it("delivers events in order and ends the body on close; nothing is sent after it", async () => {
    const { body, sink } = sseStream();
    sink.send("delta", '{"text":"Pour "}');
    sink.send("answer", "{}");
    sink.close();
    sink.send("delta", '{"text":"late"}');
    expect(sink.open).toBe(false);
    expect(await readAll(body)).toBe('event: delta\ndata: {"text":"Pour "}\n\nevent: answer\ndata: {}\n\n');
  });

  it("stops writing once the client has gone (the body was cancelled), without throwing", async () => {
    const { body, sink } = sseStream();
    await body.cancel();
    expect(sink.open).toBe(false);
    expect(() => sink.send("delta", "{}")).not.toThrow();
    expect(() => sink.close()).not.toThrow();
  });
});
