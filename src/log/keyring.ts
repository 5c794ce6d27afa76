import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./chain.js";

/** An Ed25519 public key as published at /api/keys and in export bundles. */
export const PublicJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "x must be a 32-byte base64url value"),
  kid: z.string().min(1),
});
export type PublicKeyJwk = z.infer<typeof PublicJwkSchema>;

export const JwkSetSchema = z.object({ keys: z.array(z.looseObject({})) });

/** RFC 7638 thumbprint, as the signer computes key ids (src/seal/sign.ts), but synchronous. */
export function thumbprint(x: string): string {
  return createHash("sha256").update(canonicalJson({ crv: "Ed25519", kty: "OKP", x }), "utf8").digest("base64url");
}

/**
 * Public keys by key id, for checking many signatures quickly: each key is imported once
 * and signatures are checked on libuv's thread pool, so a long chain verifies on every core.
 * A key whose id is not the thumbprint of its value is refused: a kid names one key only.
 */
export class KeyRing {
  private readonly keys = new Map<string, { jwk: PublicKeyJwk; key: KeyObject }>();

  static from(jwks: readonly unknown[]): KeyRing {
    const ring = new KeyRing();
    for (const j of jwks) ring.add(j);
    return ring;
  }

  /** Adds a key; returns an error message instead when the JWK is not a valid Ed25519 public key. */
  add(raw: unknown): string | null {
    const r = PublicJwkSchema.safeParse(raw);
    if (!r.success) return `not an Ed25519 public JWK (${r.error.issues[0]?.message ?? "invalid"})`;
    const jwk = r.data;
    if (thumbprint(jwk.x) !== jwk.kid) return `key id ${jwk.kid} is not the RFC 7638 thumbprint of its key`;
    if (!this.keys.has(jwk.kid)) this.keys.set(jwk.kid, { jwk, key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" }) });
    return null;
  }

  has(kid: string): boolean {
    return this.keys.has(kid);
  }

  list(): PublicKeyJwk[] {
    return [...this.keys.values()].map((k) => k.jwk);
  }

  /** False for an unknown key or a malformed signature: both mean "not signed by this ring". */
  verify(kid: string, message: string | Uint8Array, signatureB64url: string): Promise<boolean> {
    const k = this.keys.get(kid);
    if (!k) return Promise.resolve(false);
    const sig = Buffer.from(signatureB64url, "base64url");
    if (sig.length !== 64) return Promise.resolve(false);
    const data = typeof message === "string" ? Buffer.from(message, "utf8") : message;
    return new Promise((resolve) => verify(null, data, k.key, sig, (err, ok) => resolve(!err && ok)));
  }
}
