import { openPostgres } from "../../src/adapters/postgres.js";

/**
 * A database of the test's own on the server of `serverUrl` (named from `prefix`, the pid
 * and the time), so other test files sharing the server cannot interfere; `drop` removes it
 * even with connections still open.
 */
export async function privateDatabase(serverUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = await openPostgres(serverUrl, 1);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const a = await openPostgres(serverUrl, 1);
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}
