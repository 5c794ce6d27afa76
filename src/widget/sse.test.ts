import { describe, expect, it } from "vitest";
import { SseParser } from "./sse.js";

describe("the SSE parser", () => {
  it("yields named events with their data, however the stream is cut into chunks", () => {
    const stream = 'event: delta\ndata: {"text":"Bon"}\n\nevent: delta\ndata: {"text":"jour"}\n\n: keep-alive\n\nevent: answer\ndata: {"id":"x"}\n\n';
    for (const size of [1, 3, 7, stream.length]) {
      const p = new SseParser();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...p.push(stream.slice(i, i + size)));
      expect(events).toEqual([
        { event: "delta", data: '{"text":"Bon"}' },
        { event: "delta", data: '{"text":"jour"}' },
        { event: "answer", data: '{"id":"x"}' },
      ]);
    }
  });

  it("accepts CRLF and CR line ends, joins multi-line data and names unnamed events 'message'", () => {
    const p = new SseParser();
    expect(p.push("data: a\r\ndata: b\r")).toEqual([]);
    expect(p.push("\n\r\nevent:reset\rdata:{}\r\r")).toEqual([{ event: "message", data: "a\nb" }]);
    // The last \r may be half of a \r\n: the event is dispatched once that is known.
    expect(p.push("\n")).toEqual([{ event: "reset", data: "{}" }]);
  });

  it("holds an unfinished event until its blank line arrives", () => {
    const p = new SseParser();
    expect(p.push("event: answer\ndata: {}")).toEqual([]);
    expect(p.push("\n\n")).toEqual([{ event: "answer", data: "{}" }]);
  });
});
