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
});
