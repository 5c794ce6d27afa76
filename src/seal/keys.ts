import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createSigner, generatePrivateJwk, type PrivateJwk, type Signer } from "./sign.js";

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

/**
 * The signing key: from configuration if given, else DATA_DIR/keys/signing-key.jwk.json,
 * generated on first run (file mode 0600). Public keys of earlier keys are kept in
 * DATA_DIR/keys/retired.json so old answers stay verifiable after a rotation.
 */
export async function loadOrCreateSigner(dataDir: string, configured?: string): Promise<Signer> {
  if (configured) return createSigner(parsePrivateJwk(configured));
  const dir = path.join(dataDir, "keys");
  const file = path.join(dir, "signing-key.jwk.json");
  try {
    return await createSigner(parsePrivateJwk(await readFile(file, "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dir, { recursive: true });
  const jwk = await generatePrivateJwk();
  await writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: "wx" }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  await chmod(file, 0o600);
  // Re-read: if another process created the key first, both use that one.
  return createSigner(parsePrivateJwk(await readFile(file, "utf8")));
}
