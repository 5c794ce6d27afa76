import { openPostgres } from "../../src/adapters/postgres.js";

/**
 * A fresh schema in the scale tests' own database (`scrutin_scale`) on the server of
 * `serverUrl`, so other test files cannot interfere; returns its URL and a dropper.
 */
export async function scaleSchema(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await openPostgres(serverUrl);
  try {
    await admin.exec("CREATE DATABASE scrutin_scale");
  } catch (err) {
    if (!/already exists/.test(String(err))) throw err;
  } finally {
    await admin.close();
  }
  const base = new URL(serverUrl);
  base.pathname = "/scrutin_scale";
  const schema = `${prefix}_${process.pid}_${Date.now()}`;
  const db = await openPostgres(base.toString());
  await db.exec(`CREATE SCHEMA ${schema}`);
  await db.close();
  const u = new URL(base);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const d = await openPostgres(base.toString());
      await d.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await d.close();
    },
  };
}
