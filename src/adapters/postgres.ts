import pg from "pg";
import type { SqlClient, SqlExecutor } from "./sql.js";

export interface PoolOptions {
  /** Connections this process may hold (a cluster holds workers × max). */
  max?: number;
  /**
   * An idle pooled connection failed (the server restarted, a proxy cut it). The pool drops
   * it and opens another on demand; without a listener node-postgres would crash the process.
   */
  onIdleError?: (err: Error) => void;
}

/** A Postgres server through a node-postgres connection pool. */
export async function openPostgres(connectionString: string, options: PoolOptions | number = {}): Promise<SqlClient> {
  // A bare number is the pool size (the original signature, still used by callers).
  const opts: PoolOptions = typeof options === "number" ? { max: options } : options;
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  pool.on("error", opts.onIdleError ?? ((err) => process.emitWarning(`idle Postgres connection failed: ${err.message}`)));
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
