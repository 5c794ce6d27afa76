/**
 * The small SQL surface the audit log needs, implemented by embedded PGlite and by a
 * Postgres server (node-postgres). Both speak the same dialect and run the same SQL.
 */
export interface SqlExecutor {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface SqlClient extends SqlExecutor {
  readonly dialect: "pglite" | "postgres";
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
