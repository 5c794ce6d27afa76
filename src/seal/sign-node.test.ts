import { describe, expect, it } from "vitest";
import { canonicalBytes, createSigner, generatePrivateJwk, verifyBytes } from "./sign.js";
import { createNodeSigner } from "./sign-node.js";

describe("the Node signer", async () => {
  const priv = await generatePrivateJwk();
  const web = await createSigner(priv);
  const node = await createNodeSigner(priv);

  it("names the key as the Web Crypto signer does (RFC 7638 thumbprint) and publishes the same JWK", () => {
    expect(node.keyId).toBe(web.keyId);
    expect(node.publicJwk).toEqual(web.publicJwk);
  });

  it.each([
    ["an empty message", new Uint8Array(new ArrayBuffer(0))],
    ["canonical JSON with accents", canonicalBytes({ text: "Élections Québec, 1-888-ÉLECTION", n: [1, 2] })],
    ["a 20 kB message", canonicalBytes({ text: "é".repeat(10_000) })],
  ])("signs %s with exactly the bytes Web Crypto produces, which verify", async (_l, bytes) => {
    const [a, b] = [await node.sign(bytes), await web.sign(bytes)];
    expect(a).toBe(b);
    expect(await verifyBytes(bytes, a, node.publicJwk)).toBe(true);
  });

  it("is refused by another key", async () => {
    const other = await createNodeSigner(await generatePrivateJwk());
    const bytes = canonicalBytes({ a: 1 });
    expect(await verifyBytes(bytes, await other.sign(bytes), node.publicJwk)).toBe(false);
  });
});
