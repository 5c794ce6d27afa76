import { hostname } from "node:os";
import { readFile, unlink, writeFile } from "node:fs/promises";

/**
 * An exclusive lock file for the embedded store. PGlite is one process's database: a
 * second process opening the same directory (the audit CLI while the server runs, or a
 * second server) would corrupt it, and PGlite itself does not prevent that.
 */
export class StoreLockedError extends Error {
  override readonly name = "StoreLockedError";
}

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

export async function lockFile(file: string, purpose: string): Promise<() => Promise<void>> {
  const mine: LockInfo = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, text, { flag: "wx", mode: 0o644 });
      return async () => {
        const current = await readFile(file, "utf8").catch(() => null);
        if (current === text) await unlink(file).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = await readHolder(file);
    if (holder && holder.host === mine.host && isAlive(holder.pid)) {
      throw new StoreLockedError(
        `The embedded audit store is open in another process (pid ${holder.pid}: ${holder.purpose}, since ${holder.since}). ` +
          `PGlite serves one process at a time: stop that process first, or use a PostgreSQL server (DATABASE_URL), where the server and the audit CLI work side by side. ` +
          `If no such process exists, delete ${file}.`,
      );
    }
    if (holder && holder.host !== mine.host) {
      throw new StoreLockedError(`The embedded audit store is locked by pid ${holder.pid} on host ${holder.host} (${file}). Stop it there, or delete the lock file if it is stale.`);
    }
    // The holder is gone (crash, kill -9): the lock is stale.
    await unlink(file).catch(() => undefined);
  }
  throw new StoreLockedError(`Could not lock ${file}: another process keeps taking it.`);
}

async function readHolder(file: string): Promise<LockInfo | null> {
  try {
    const raw: unknown = JSON.parse(await readFile(file, "utf8"));
    if (typeof raw !== "object" || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if (typeof r.pid !== "number" || typeof r.host !== "string") return null;
    return { pid: r.pid, host: r.host, purpose: String(r.purpose ?? "unknown"), since: String(r.since ?? "unknown") };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
