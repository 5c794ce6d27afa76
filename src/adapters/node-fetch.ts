import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/**
 * `fetch` for the model provider on Node, over node:http with keep-alive agents. Node's
 * built-in fetch (undici) spends ~0.5 ms more per request than node:http on this machine
 * (scratch measurement in BENCHMARKS.md), and the model request is on the path of every
 * answer's first token. It covers what an OpenAI-compatible client sends — a method,
 * headers, a string or byte body, an abort signal — and returns a streaming Response.
 * Redirects are returned as they are, not followed: a model endpoint that redirects is
 * misconfigured, and the provider reports the status as an API error.
 */
export function nodeFetch(opts: { maxSockets?: number } = {}): typeof fetch {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 }),
    "https:": new HttpsAgent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 }),
  };
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (input instanceof Request) throw new TypeError("nodeFetch takes a URL, not a Request");
    const url = new URL(String(input));
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`nodeFetch: unsupported protocol ${url.protocol}`);
    const body = bodyBytes(init.body);
    const headers = plainHeaders(init.headers);
    if (body) headers["content-length"] = String(body.byteLength);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const https = url.protocol === "https:";
    const send = https ? httpsRequest : httpRequest;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(
        { protocol: url.protocol, hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: url.port, path: url.pathname + url.search, method: init.method ?? "GET", headers, agent: https ? agents["https:"] : agents["http:"] },
        (res) => {
          // The body may still be read after the response arrives: the signal aborts it until it ends.
          if (signal) res.once("close", () => signal.removeEventListener("abort", onAbort));
          resolve(res);
        },
      );
      // One listener rather than http.request's `signal` option, which wires the request
      // through stream end-of-stream tracking (~0.1 ms per model call on this path).
      const onAbort = () => req.destroy(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      // As the Fetch standard (and undici) do: a network error rejects with TypeError("fetch failed"),
      // the cause attached, which the AI SDK reports as a retryable "Cannot connect to API".
      req.once("error", (err) => {
        signal?.removeEventListener("abort", onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
      });
      req.end(body);
    });
    const responseHeaders = new Headers();
    for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    const noBody = res.statusCode === 204 || res.statusCode === 304 || init.method === "HEAD";
    if (noBody) res.resume();
    return new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status: res.statusCode ?? 500, statusText: res.statusMessage ?? "", headers: responseHeaders });
  }) as typeof fetch;
}

/**
 * The request headers as node:http takes them, names lower-cased. The AI SDK passes a plain
 * record (undefined values dropped, as Headers would); anything else goes through Headers.
 */
function plainHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((v, k) => (out[k] = v));
    return out;
  }
  for (const [k, v] of Object.entries(init as Record<string, string | undefined>)) {
    if (v === undefined) continue;
    const name = k.toLowerCase();
    // Repeated names (differing in case) join as Headers would.
    out[name] = out[name] === undefined ? String(v).trim() : `${out[name]}, ${String(v).trim()}`;
  }
  return out;
}

function bodyBytes(body: BodyInit | null | undefined): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError("nodeFetch sends string or byte bodies only");
}
