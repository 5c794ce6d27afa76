import { IngestError, requireOfficial } from "./source.js";

export interface FetchedSource {
  /** The URL finally served (after redirects). */
  url: string;
  contentType: string;
  bytes: Uint8Array;
  /** The server's Last-Modified date, when it sends one. */
  lastModified?: string;
}

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ENETUNREACH", "EHOSTUNREACH", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"]);
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Fetches an official page. The URL is checked against the allowlist before any request,
 * redirects are followed by hand so each hop is checked too (an official URL must not
 * launder a page from elsewhere), and a missing network is reported as such.
 */
export async function fetchSource(url: string, opts: { domains: readonly string[]; timeoutMs: number; fetch?: typeof fetch }): Promise<FetchedSource> {
  const doFetch = opts.fetch ?? fetch;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    requireOfficial(url, current, opts.domains, hop === 0 ? "the URL to fetch" : `where ${url} redirects`);
    let res: Response;
    try {
      res = await doFetch(current, { redirect: "manual", signal, headers: { "user-agent": "scrutin-corpus-ingest/1 (+official sources only)", accept: "text/html,application/pdf,text/markdown;q=0.9,*/*;q=0.5" } });
    } catch (err) {
      throw new IngestError(url, describeFailure(err, opts.timeoutMs));
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      current = new URL(res.headers.get("location")!, current).toString();
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) throw new IngestError(url, `the server answered HTTP ${res.status} ${res.statusText}`.trim());
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > MAX_BYTES) throw new IngestError(url, `is larger than ${MAX_BYTES / 1024 / 1024} MB`);
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch (err) {
      throw new IngestError(url, describeFailure(err, opts.timeoutMs));
    }
    return {
      url: current,
      contentType: (res.headers.get("content-type") ?? "").toLowerCase(),
      bytes: new Uint8Array(body),
      lastModified: res.headers.get("last-modified") ?? undefined,
    };
  }
  throw new IngestError(url, "too many redirects");
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms (network unavailable or server too slow); try again later or save the page and ingest the file`;
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = cause && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  if (code && NETWORK_CODES.has(code)) {
    return `network unavailable (${code}: ${cause?.message}); save the page from a browser and ingest the file instead`;
  }
  return `could not be fetched (${cause?.message ?? (err instanceof Error ? err.message : String(err))})`;
}
