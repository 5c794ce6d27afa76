import { describe, expect, it } from "vitest";
import { turnSignals } from "./deadline.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a turn's abort signals", () => {
  it("without a deadline, is the client's own signal", () => {
    const client = new AbortController();
    const t = turnSignals(client.signal, undefined);
    expect(t.deadline).toBeNull();
    expect(t.signal).toBe(client.signal);
  });

  it("fire both the deadline and the turn's signal when the time is up", async () => {
    const t = turnSignals(new AbortController().signal, 20);
    await tick(60);
    expect(t.deadline!.aborted).toBe(true);
    expect(t.signal.aborted).toBe(true);
    expect((t.signal.reason as DOMException).name).toBe("TimeoutError");
  });

  it("stop the turn, but do not count as a deadline, when the client goes away", () => {
    const client = new AbortController();
    const t = turnSignals(client.signal, 10_000);
    client.abort(new Error("socket closed"));
    expect(t.signal.aborted).toBe(true);
    expect(t.deadline!.aborted).toBe(false);
    t.done();
  });

  it("see a client already gone", () => {
    const client = new AbortController();
    client.abort();
    expect(turnSignals(client.signal, 10_000).signal.aborted).toBe(true);
  });

  it("fire nothing after done(), however long the turn had", async () => {
    const client = new AbortController();
    const t = turnSignals(client.signal, 20);
    t.done();
    client.abort();
    await tick(60);
    expect(t.deadline!.aborted).toBe(false);
    expect(t.signal.aborted).toBe(false);
  });
});
