import canonicalize from "canonicalize";
import type { Envelope, Signature, UnsignedEnvelope } from "../contract/envelope.js";

/**
 * Ed25519 signatures over RFC 8785 (JCS) canonical JSON, with Web Crypto so the same
 * code signs on Node and on Workers. Verifiers need only the public JWK.
 */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "Ed25519";
  use: "sig";
}

export interface Signer {
  readonly keyId: string;
  readonly publicJwk: PublicJwk;
  sign(bytes: Uint8Array<ArrayBuffer>): Promise<string>;
}

const subtle = globalThis.crypto.subtle;

export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value cannot be canonicalised");
  const encoded = new TextEncoder().encode(text);
  const out = new Uint8Array(new ArrayBuffer(encoded.length));
  out.set(encoded);
  return out;
}

export function toBase64Url(bytes: Uint8Array<ArrayBuffer>): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** RFC 7638 JWK thumbprint: a key id anyone can recompute from the public key. */
export async function jwkThumbprint(x: string): Promise<string> {
  const digest = await subtle.digest("SHA-256", canonicalBytes({ crv: "Ed25519", kty: "OKP", x }));
  return toBase64Url(new Uint8Array(digest));
}

export interface PrivateJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d: string;
}

export async function generatePrivateJwk(): Promise<PrivateJwk> {
  const pair = (await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = await subtle.exportKey("jwk", pair.privateKey);
  if (!jwk.x || !jwk.d) throw new Error("Ed25519 key export lacks x or d");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d };
}

export async function createSigner(priv: PrivateJwk): Promise<Signer> {
  const key = await subtle.importKey("jwk", { ...priv, key_ops: ["sign"] }, { name: "Ed25519" }, false, ["sign"]);
  const kid = await jwkThumbprint(priv.x);
  return {
    keyId: kid,
    publicJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, kid, alg: "Ed25519", use: "sig" },
    async sign(bytes) {
      return toBase64Url(new Uint8Array(await subtle.sign("Ed25519", key, bytes)));
    },
  };
}

export async function signEnvelope(env: UnsignedEnvelope, signer: Signer): Promise<Envelope> {
  const signature: Signature = { alg: "Ed25519", keyId: signer.keyId, value: await signer.sign(canonicalBytes(env)) };
  return { ...env, signature };
}

export async function verifyBytes(bytes: Uint8Array<ArrayBuffer>, signature: string, jwk: { x: string }): Promise<boolean> {
  const key = await subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  return subtle.verify("Ed25519", key, fromBase64Url(signature), bytes);
}

/** Verifies an envelope against a JWK set such as GET /api/keys returns. */
export async function verifyEnvelope(env: unknown, keys: readonly { kid?: string; x: string }[]): Promise<boolean> {
  if (typeof env !== "object" || env === null || !("signature" in env)) return false;
  const { signature, ...rest } = env as { signature: unknown } & Record<string, unknown>;
  if (typeof signature !== "object" || signature === null) return false;
  const sig = signature as { keyId?: unknown; value?: unknown; alg?: unknown };
  if (sig.alg !== "Ed25519" || typeof sig.value !== "string") return false;
  const jwk = keys.find((k) => k.kid === sig.keyId);
  if (!jwk) return false;
  try {
    return await verifyBytes(canonicalBytes(rest), sig.value, jwk);
  } catch {
    return false;
  }
}
