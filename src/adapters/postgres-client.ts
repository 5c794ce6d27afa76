import pg from "pg";
import type { SqlClient, SqlExecutor } from "./sql.js";

/**
 * One Postgres connection, opened on first use, for the life of one request. Workers may
 * not share a socket between requests, so the Workers entry opens one of these per request
 * and Hyperdrive does the pooling. Statements run one at a time: a transaction holds the
 * connection until it ends, and plain queries wait for it rather than landing inside it.
 */
export function openPostgresClient(connectionString: string): SqlClient {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();

  const connection = (): Promise<pg.Client> => {
    if (closed) return Promise.reject(new Error("postgres connection is closed"));
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
      await c.connect();
      client = c;
      return c;
    })().catch((err: unknown) => {
      connecting = null;
      throw err;
    });
    return connecting;
  };

  /** Runs `fn` after everything queued before it, whatever their outcome. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  const over = (c: pg.Client): SqlExecutor => ({
    async query(sql, params) {
      const r = await c.query(sql, params);
      return { rows: r.rows };
    },
  });

  return {
    dialect: "postgres",
    query: (sql, params) => serial(async () => over(await connection()).query(sql, params)),
    transaction: (fn) =>
      serial(async () => {
        const c = await connection();
        await c.query("BEGIN");
        try {
          const out = await fn(over(c));
          await c.query("COMMIT");
          return out;
        } catch (err) {
          await c.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
      }),
    exec: (sql) =>
      serial(async () => {
        await (await connection()).query(sql);
      }),
    async close() {
      closed = true;
      await tail;
      if (client) await client.end();
    },
  };
}
