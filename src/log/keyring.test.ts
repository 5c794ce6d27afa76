import { describe, expect, it } from "vitest";
import { canonicalJson } from "./chain.js";
import { KeyRing, thumbprint } from "./keyring.js";
import { createSigner, generatePrivateJwk, jwkThumbprint } from "../seal/sign.js";

describe("key ring", async () => {
  const signer = await createSigner(await generatePrivateJwk());

  it("names keys as the signer does (RFC 7638 thumbprint) and checks its signatures", async () => {
    expect(thumbprint(signer.publicJwk.x)).toBe(await jwkThumbprint(signer.publicJwk.x));
    const ring = KeyRing.from([signer.publicJwk]);
    const message = canonicalJson({ b: 1, a: "é" });
    const sig = await signer.sign(new Uint8Array(Buffer.from(message, "utf8")));
    expect(await ring.verify(signer.keyId, message, sig)).toBe(true);
    expect(await ring.verify(signer.keyId, `${message} `, sig)).toBe(false);
    expect(await ring.verify("other", message, sig)).toBe(false);
    expect(await ring.verify(signer.keyId, message, "not-a-signature")).toBe(false);
  });

  it("refuses a key whose id is not its thumbprint, so one kid can never name two keys", async () => {
    const other = await createSigner(await generatePrivateJwk());
    const ring = new KeyRing();
    expect(ring.add({ ...other.publicJwk, kid: signer.keyId })).toMatch(/not the RFC 7638 thumbprint/);
    expect(ring.add({ kty: "RSA", kid: "x" })).toMatch(/not an Ed25519 public JWK/);
    expect(ring.has(signer.keyId)).toBe(false);
  });
});
