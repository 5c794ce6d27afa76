import { describe, expect, it } from "vitest";
import type { UnsignedEnvelope } from "../contract/envelope.js";
import { canonicalBytes, createSigner, generatePrivateJwk, jwkThumbprint, signEnvelope, verifyEnvelope } from "./sign.js";

const unsigned: UnsignedEnvelope = {
  id: "t1", conversationId: "c1", lang: "fr", kind: "answer", text: "Réponse [1]\n\nSource officielle : Élections Québec.",
  aiGenerated: true, label: { text: "Réponse générée par une IA" },
  officialLink: { url: "https://www.electionsquebec.qc.ca/", title: "Élections Québec" },
  citations: [{ n: 1, sourceId: "identification-fr", chunkId: "identification-fr:1-abc", title: "Pièces", url: "https://www.electionsquebec.qc.ca/x/", quote: "Au bureau de vote" }],
  provenance: { corpusVersion: "c-1", generator: "extractive", model: "none", promptVersion: "extractive-v1", createdAt: "2026-11-22T12:00:00.000Z" },
};

describe("answer signatures", async () => {
  const signer = await createSigner(await generatePrivateJwk());
  const keys = [signer.publicJwk];
  const signed = await signEnvelope(unsigned, signer);

  it("verifies with the published public key and names it by its RFC 7638 thumbprint", async () => {
    expect(await verifyEnvelope(signed, keys)).toBe(true);
    expect(signed.signature.keyId).toBe(await jwkThumbprint(signer.publicJwk.x));
  });

  it("signs canonical JSON, so key order does not matter", async () => {
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, ...unsigned }));
    expect(await verifyEnvelope(reordered, keys)).toBe(true);
    expect(new TextDecoder().decode(canonicalBytes({ b: 1, a: [2, { d: 1, c: 0 }] }))).toBe('{"a":[2,{"c":0,"d":1}],"b":1}');
  });

  it("fails when any single byte of the envelope changes", async () => {
    const json = JSON.stringify(signed);
    const start = json.indexOf('"text"');
    for (const i of [start + 9, json.indexOf("identification-fr") + 2, json.indexOf("2026-11-22") + 3]) {
      const tampered = json.slice(0, i) + (json[i] === "a" ? "b" : "a") + json.slice(i + 1);
      expect(await verifyEnvelope(JSON.parse(tampered), keys)).toBe(false);
    }
  });

  it("fails with another key or a missing signature", async () => {
    const other = await createSigner(await generatePrivateJwk());
    expect(await verifyEnvelope(signed, [{ ...other.publicJwk, kid: signer.keyId }])).toBe(false);
    const { signature: _s, ...bare } = signed;
    expect(await verifyEnvelope(bare, keys)).toBe(false);
  });
});
