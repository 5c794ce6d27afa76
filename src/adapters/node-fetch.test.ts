import { getEventListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch } from "./node-fetch.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler = (_q, _b, res) => res.end();
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (d: string) => (body += d));
  req.on("end", () => handler(req, body, res));
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const f = nodeFetch();

describe("nodeFetch, the model provider's fetch on Node", () => {
  it("sends the method, headers and body with its length, and returns status, headers and body", async () => {
    handler = (req, body, res) => res.writeHead(201, { "x-seen": `${req.method} ${req.headers["content-type"]} ${req.headers["content-length"]} ${req.headers.authorization}`, "set-cookie": ["a=1", "b=2"] }).end(`got ${body}`);
    const res = await f(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer k" }, body: '{"é":1}' });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen")).toBe("POST application/json 8 Bearer k");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.text()).toBe('got {"é":1}');
  });

  it("streams: the first event is readable before the response ends", async () => {
    let finish = () => {};
    handler = (_q, _b, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      finish = () => res.end("data: [DONE]\n\n");
    };
    const res = await f(`${base}/stream`, { method: "POST", body: "{}" });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: first\n\n");
    finish();
    const rest = await reader.read();
    expect(new TextDecoder().decode(rest.value)).toBe("data: [DONE]\n\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("returns an error status with its body for the provider to report", async () => {
    handler = (_q, _b, res) => res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"message":"overloaded"}}');
    const res = await f(`${base}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { message: "overloaded" } });
  });

  it("aborts a stream in progress with the signal's reason", async () => {
    handler = (_q, _b, res) => res.writeHead(200).write("data: partial\n\n");
    const ac = new AbortController();
    const res = await f(`${base}/slow`, { method: "POST", body: "{}", signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort(new Error("voter left"));
    await expect(reader.read()).rejects.toThrow();
  });

  it("refuses to start when the signal is already aborted", async () => {
    const ac = new AbortController();
    ac.abort(new Error("too late"));
    await expect(f(`${base}/x`, { signal: ac.signal })).rejects.toThrow("too late");
  });

  it("rejects as fetch does when the endpoint cannot be reached: TypeError('fetch failed') with the cause", async () => {
    const err = await f("http://127.0.0.1:1/v1/chat/completions", { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe("fetch failed");
    expect(((err as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });

  it("keeps the connection alive between requests", async () => {
    handler = (req, _b, res) => res.end(String(req.socket.remotePort));
    const a = await (await f(`${base}/a`)).text();
    const b = await (await f(`${base}/b`)).text();
    expect(b).toBe(a);
  });

  it("aborts while waiting for the response with the signal's reason", async () => {
    handler = () => undefined; // never answers
    const ac = new AbortController();
    const pending = f(`${base}/hang`, { method: "POST", body: "{}", signal: ac.signal });
    setTimeout(() => ac.abort(new Error("deadline")), 20);
    await expect(pending).rejects.toThrow("deadline");
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
  });

  it("lets go of the signal once the response is read, so a later abort touches nothing", async () => {
    handler = (_q, _b, res) => res.end("done");
    const ac = new AbortController();
    const res = await f(`${base}/done`, { signal: ac.signal });
    expect(await res.text()).toBe("done");
    await new Promise((r) => setImmediate(r));
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
    ac.abort(new Error("after the fact"));
    expect((await (await f(`${base}/done`)).text())).toBe("done");
  });

  it("takes headers as a record (undefined dropped, names in any case), a Headers or pairs", async () => {
    handler = (req, _b, res) => res.end(`${req.headers["x-a"]}|${req.headers["x-b"]}|${"x-none" in req.headers}`);
    const record = { "X-A": "1", "x-b": "2", "x-none": undefined } as unknown as Record<string, string>;
    expect(await (await f(`${base}/h`, { headers: record })).text()).toBe("1|2|false");
    expect(await (await f(`${base}/h`, { headers: new Headers({ "x-a": "3", "x-b": "4" }) })).text()).toBe("3|4|false");
    expect(await (await f(`${base}/h`, { headers: [["x-a", "5"], ["x-b", "6"]] })).text()).toBe("5|6|false");
  });

  it("reaches an IPv6 literal host", async () => {
    const v6 = createServer((_q, res) => res.end("v6"));
    const listening = await new Promise<boolean>((r) => v6.once("error", () => r(false)).listen(0, "::1", () => r(true)));
    if (!listening) return; // no IPv6 loopback on this machine
    try {
      expect(await (await f(`http://[::1]:${(v6.address() as AddressInfo).port}/`)).text()).toBe("v6");
    } finally {
      await new Promise<void>((r) => v6.close(() => r()));
    }
  });
});
