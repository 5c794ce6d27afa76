import canonicalize from "canonicalize";
import { isRecord } from "./envelope.js";

/**
 * Checks an answer's signature in the browser, without trusting the server's word: the
 * envelope minus `signature` is canonicalised (RFC 8785, the same library the server signs
 * with) and verified with Web Crypto Ed25519 against the published JWK set. Shared by the
 * widget and the /verify page.
 */
export type VerifyResult =
  | { status: "valid"; keyId: string }
  | { status: "invalid"; reason: "malformed" | "unknown-key" | "signature" }
  | { status: "unavailable"; reason: "network" | "unsupported" };

export interface PublicJwk {
  kid: string;
  x: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The Ed25519 keys of a JWK set; other key types are ignored. Null when it is not a JWK set. */
export function parseJwkSet(value: unknown): PublicJwk[] | null {
  if (!isRecord(value) || !Array.isArray(value.keys)) return null;
  return value.keys.flatMap((k) =>
    isRecord(k) && k.kty === "OKP" && k.crv === "Ed25519" && typeof k.x === "string" && B64URL.test(k.x) && typeof k.kid === "string" && k.kid.length > 0
      ? [{ kid: k.kid, x: k.x }]
      : [],
  );
}

export async function fetchKeys(api: string): Promise<PublicJwk[] | null> {
  try {
    const res = await fetch(`${api}/api/keys`, { credentials: "omit", headers: { accept: "application/json" } });
    if (!res.ok) return null;
    return parseJwkSet(await res.json());
  } catch {
    return null;
  }
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function verifyEnvelope(envelope: unknown, keys: readonly PublicJwk[]): Promise<VerifyResult> {
  if (!isRecord(envelope)) return { status: "invalid", reason: "malformed" };
  const { signature, ...signed } = envelope;
  if (!isRecord(signature) || signature.alg !== "Ed25519" || typeof signature.value !== "string" || !B64URL.test(signature.value)) {
    return { status: "invalid", reason: "malformed" };
  }
  const value = signature.value;
  const jwk = keys.find((k) => k.kid === signature.keyId);
  if (!jwk) return { status: "invalid", reason: "unknown-key" };
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { status: "unavailable", reason: "unsupported" };
  let key: CryptoKey;
  try {
    key = await subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  } catch (err) {
    // NotSupportedError: this browser's Web Crypto lacks Ed25519. Anything else: a bad key.
    const unsupported = err instanceof DOMException && err.name === "NotSupportedError";
    return unsupported ? { status: "unavailable", reason: "unsupported" } : { status: "invalid", reason: "malformed" };
  }
  const text = canonicalize(signed);
  if (text === undefined) return { status: "invalid", reason: "malformed" };
  let ok: boolean;
  try {
    ok = await subtle.verify("Ed25519", key, fromBase64Url(value), new TextEncoder().encode(text));
  } catch {
    return { status: "invalid", reason: "signature" };
  }
  return ok ? { status: "valid", keyId: jwk.kid } : { status: "invalid", reason: "signature" };
}
