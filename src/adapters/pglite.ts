import { PGlite } from "@electric-sql/pglite";
import { mkdir } from "node:fs/promises";
import type { SqlClient, SqlExecutor } from "./sql.js";

/** Embedded Postgres (WASM) in a directory; `dir` undefined means in memory (tests). */
export async function openPglite(dir?: string): Promise<SqlClient> {
  if (dir) await mkdir(dir, { recursive: true });
  const db = dir ? await PGlite.create(dir) : await PGlite.create();
  const wrap = (ex: { query: PGlite["query"] }): SqlExecutor => ({
    async query(sql, params) {
      const r = await ex.query(sql, params);
      return { rows: r.rows as never[] };
    },
  });
  return {
    dialect: "pglite",
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
