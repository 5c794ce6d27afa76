import pg from "pg";
import type { SqlClient, SqlExecutor } from "./sql.js";

/** A Postgres server through a node-postgres connection pool. */
export async function openPostgres(connectionString: string, max = 10): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000 });
  // Fail at start-up, with the server's message, rather than on the first turn.
  const probe = await pool.connect();
  probe.release();
  const wrap = (c: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query(sql, params) {
      const r = await c.query(sql, params);
      return { rows: r.rows };
    },
  });
  return {
    dialect: "postgres",
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
