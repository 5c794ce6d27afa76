import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * The hash chain, pure. Each row commits to the previous row's hash, to its header's
 * hash and to its body's hash. Bodies (question and answer texts) can later be purged
 * for retention or a deletion request, and the chain still verifies from body_hash.
 */
export const GENESIS_HASH = "0".repeat(64);

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error("value cannot be canonicalised");
  return s;
}

export function rowHash(prevHash: string, header: string, bodyHash: string): string {
  return sha256Hex(canonicalJson({ bodyHash, headerHash: sha256Hex(header), prevHash }));
}
