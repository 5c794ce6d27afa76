import type { SqlClient } from "../adapters/sql.js";
import type { RateLimitStore } from "../serve/rate-limit.js";

const SCHEMA_LOCK = 724203;

/**
 * Rate-limit counters in the Postgres server every process shares: one upsert per check,
 * so the cluster's processes (and other instances on the same database) share one budget.
 * Rows of finished windows are deleted now and then; they are counters, not records.
 */
export async function postgresRateLimitStore(db: SqlClient): Promise<RateLimitStore> {
  // Several processes start at once; CREATE TABLE IF NOT EXISTS alone can still race on the catalog.
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS rate_limit_counters (key text NOT NULL, window_start bigint NOT NULL, hits integer NOT NULL, PRIMARY KEY (key, window_start))",
    );
  });
  let lastSweep = 0;
  return {
    async hit(key, windowStart, windowMs) {
      const r = await db.query<{ hits: number }>(
        `INSERT INTO rate_limit_counters (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1 RETURNING hits`,
        [key, windowStart],
      );
      if (windowStart > lastSweep) {
        lastSweep = windowStart;
        await db.query("DELETE FROM rate_limit_counters WHERE window_start < $1", [windowStart - windowMs]);
      }
      return Number(r.rows[0]?.hits ?? 0);
    },
  };
}
