import { z } from "zod";
import type { PrivateJwk } from "./sign.js";

/* Kept apart from keys.ts (which reads key files) so runtimes without a file system can parse a configured key. */
const PrivateJwkSchema = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(40), d: z.string().min(40) });

/** Parses a configured private JWK (SIGNING_KEY_JWK). */
export function parsePrivateJwk(json: string): PrivateJwk {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("SIGNING_KEY_JWK is not valid JSON");
  }
  const r = PrivateJwkSchema.safeParse(raw);
  if (!r.success) throw new Error(`SIGNING_KEY_JWK is not an Ed25519 private JWK: ${r.error.issues[0]?.message}`);
  return r.data;
}
