import { describe, expect, it } from "vitest";
import { createSigner, generatePrivateJwk } from "../seal/sign.js";
import { seal } from "../seal/envelope.js";
import { parseRetryAfter } from "./client.js";
import { parseEnvelope } from "./envelope.js";
import { parseJwkSet, verifyEnvelope } from "./verify.js";

/** A real envelope, sealed and signed by the server's own code. */
async function signed() {
  const signer = await createSigner(await generatePrivateJwk());
  const env = await seal(
    {
      id: "turn-0001", conversationId: "conv-0001", lang: "fr", kind: "answer", body: "Apportez votre passeport canadien. [1]", notices: [],
      citations: [{ n: 1, sourceId: "identification-fr", chunkId: "c1", title: "Pièces d'identité", url: "https://www.electionsquebec.qc.ca/x/", quote: "passeport canadien" }],
      corpusVersion: "c-0123456789abcdef", generator: "extractive", model: "none", promptVersion: "extractive-v1", createdAt: "2026-10-01T12:00:00.000Z",
    },
    signer,
  );
  // What the browser receives: JSON text, parsed.
  return { env: JSON.parse(JSON.stringify(env)) as Record<string, unknown>, keys: parseJwkSet({ keys: [signer.publicJwk] })! };
}

describe("verifying an answer in the browser (Web Crypto Ed25519 + RFC 8785)", () => {
  it("accepts an envelope exactly as the server signed it", async () => {
    const { env, keys } = await signed();
    expect(await verifyEnvelope(env, keys)).toEqual({ status: "valid", keyId: keys[0]!.kid });
  });

  it("does not depend on key order: the canonical form is what is signed", async () => {
    const { env, keys } = await signed();
    const reordered = Object.fromEntries(Object.entries(env).reverse());
    expect((await verifyEnvelope(reordered, keys)).status).toBe("valid");
  });

  it("rejects a changed text, citation or label", async () => {
    const { env, keys } = await signed();
    for (const tampered of [
      { ...env, text: `${String(env.text)} Votez pour nous!` },
      { ...env, citations: [] },
      { ...env, label: { text: "Réponse du parti" } },
    ]) {
      expect(await verifyEnvelope(tampered, keys)).toEqual({ status: "invalid", reason: "signature" });
    }
  });

  it("says why when it cannot be a valid answer", async () => {
    const { env, keys } = await signed();
    expect(await verifyEnvelope({ ...env, signature: undefined }, keys)).toEqual({ status: "invalid", reason: "malformed" });
    expect(await verifyEnvelope("not an object", keys)).toEqual({ status: "invalid", reason: "malformed" });
    expect(await verifyEnvelope(env, [])).toEqual({ status: "invalid", reason: "unknown-key" });
  });

  it("reads only Ed25519 keys from a JWK set", () => {
    expect(parseJwkSet({ keys: [{ kty: "RSA", n: "x", e: "AQAB", kid: "r" }, { kty: "OKP", crv: "Ed25519", x: "abc_-1", kid: "k" }] })).toEqual([{ kid: "k", x: "abc_-1" }]);
    expect(parseJwkSet({ nokeys: [] })).toBeNull();
  });

  it("parses the envelope the widget renders, and refuses one that is not labelled AI-generated", async () => {
    const { env } = await signed();
    expect(parseEnvelope(env)).toMatchObject({ id: "turn-0001", kind: "answer", lang: "fr", citations: [{ n: 1, url: "https://www.electionsquebec.qc.ca/x/" }] });
    expect(parseEnvelope({ ...env, aiGenerated: false })).toBeNull();
    expect(parseEnvelope({ ...env, citations: [{ n: 1 }] })).toBeNull();
  });
});

describe("Retry-After", () => {
  it("reads delay-seconds and HTTP dates", () => {
    const now = Date.parse("2026-10-01T12:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Thu, 01 Oct 2026 12:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
