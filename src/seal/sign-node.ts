import { createPrivateKey, sign } from "node:crypto";
import { jwkThumbprint, type PrivateJwk, type Signer } from "./sign.js";

/**
 * The same Ed25519 signer as `createSigner` (src/seal/sign.ts), on node:crypto instead of
 * Web Crypto. Node's Web Crypto runs each signature as a job on libuv's thread pool and
 * settles a promise: ~78 µs of CPU per signature against ~33 µs for the one-shot call,
 * paid on every chat turn. Ed25519 is deterministic, so both produce the same bytes for the
 * same key and message (sign-node.test.ts); Workers keep the Web Crypto signer.
 */
export async function createNodeSigner(priv: PrivateJwk): Promise<Signer> {
  const key = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: priv.x, d: priv.d }, format: "jwk" });
  const kid = await jwkThumbprint(priv.x);
  return {
    keyId: kid,
    publicJwk: { kty: "OKP", crv: "Ed25519", x: priv.x, kid, alg: "Ed25519", use: "sig" },
    sign: async (bytes) => sign(null, bytes, key).toString("base64url"),
  };
}
