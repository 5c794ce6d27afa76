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
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    if (body) headers["content-length"] = String(body.byteLength);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, { method: init.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"], ...(signal ? { signal } : {}) }, resolve);
      // As the Fetch standard (and undici) do: a network error rejects with TypeError("fetch failed"),
      // the cause attached, which the AI SDK reports as a retryable "Cannot connect to API".
      req.once("error", (err) => reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err })));
      req.end(body);
    });
    const responseHeaders = new Headers();
    for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    const noBody = res.statusCode === 204 || res.statusCode === 304 || init.method === "HEAD";
    if (noBody) res.resume();
    return new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status: res.statusCode ?? 500, statusText: res.statusMessage ?? "", headers: responseHeaders });
  }) as typeof fetch;
}

function bodyBytes(body: BodyInit | null | undefined): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError("nodeFetch sends string or byte bodies only");
}
