import canonicalize from "canonicalize";
import type { PublicKey } from "./evidence.js";

/**
 * Checks an envelope's Ed25519 signature over the RFC 8785 canonical JSON of the envelope
 * without its `signature`, with a key the service published. Independent of src/seal.
 */
export async function signatureValid(envelope: Record<string, unknown>, keys: readonly PublicKey[]): Promise<{ ok: boolean; reason: string }> {
  const { signature, ...unsigned } = envelope;
  const sig = signature as { alg?: unknown; keyId?: unknown; value?: unknown } | undefined;
  if (!sig || sig.alg !== "Ed25519" || typeof sig.keyId !== "string" || typeof sig.value !== "string") return { ok: false, reason: "no Ed25519 signature" };
  const key = keys.find((k) => k.kid === sig.keyId);
  if (!key) return { ok: false, reason: `key ${sig.keyId} is not published` };
  const text = canonicalize(unsigned);
  if (text === undefined) return { ok: false, reason: "envelope cannot be canonicalised" };
  const pub = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: key.x }, { name: "Ed25519" }, false, ["verify"]);
  const ok = await crypto.subtle.verify("Ed25519", pub, base64url(sig.value), new TextEncoder().encode(text));
  return { ok, reason: ok ? "valid" : "signature does not match the envelope" };
}

function base64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** SHA-256 hex of a string. */
export async function sha256Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function canonical(v: unknown): string {
  return canonicalize(v) ?? "";
}
