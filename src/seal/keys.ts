import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parsePrivateJwk } from "./private-jwk.js";
import { generatePrivateJwk, type Signer } from "./sign.js";
import { createNodeSigner } from "./sign-node.js";

export { parsePrivateJwk };

/**
 * The signing key (a node:crypto signer: see sign-node.ts): from configuration if given, else DATA_DIR/keys/signing-key.jwk.json,
 * generated on first run (file mode 0600). Public keys of earlier keys are kept in
 * DATA_DIR/keys/retired.json so old answers stay verifiable after a rotation.
 */
export async function loadOrCreateSigner(dataDir: string, configured?: string): Promise<Signer> {
  if (configured) return createNodeSigner(parsePrivateJwk(configured));
  const dir = path.join(dataDir, "keys");
  const file = path.join(dir, "signing-key.jwk.json");
  try {
    return await createNodeSigner(parsePrivateJwk(await readFile(file, "utf8")));
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
  return createNodeSigner(parsePrivateJwk(await readFile(file, "utf8")));
}
