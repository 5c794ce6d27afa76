import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface FileToWrite {
  path: string;
  text: string;
}

/**
 * Writes a batch of files all or nothing: every file goes to a temporary sibling first and
 * only when all of them are on disk are they renamed into place, so a failure part-way
 * (disk full, a bad directory) leaves no half-written file and no partial batch.
 * With `overwrite: false` an existing target is refused before anything is written.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], opts: { overwrite: boolean }): Promise<void> {
  if (!opts.overwrite) {
    const existing = (await Promise.all(files.map(async (f) => ((await exists(f.path)) ? f.path : null)))).filter((p) => p !== null);
    if (existing.length > 0) throw new ExistingFilesError(existing);
  }
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const temps: string[] = [];
  try {
    for (const f of files) {
      await mkdir(path.dirname(f.path), { recursive: true });
      const tmp = f.path + suffix;
      temps.push(tmp);
      await writeFile(tmp, f.text, { flag: "wx" });
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  for (const [i, f] of files.entries()) await rename(temps[i]!, f.path);
}

export class ExistingFilesError extends Error {
  override readonly name = "ExistingFilesError";
  constructor(readonly paths: string[]) {
    super(`would overwrite ${paths.join(", ")} (pass --force to replace ${paths.length === 1 ? "it" : "them"})`);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}
