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

/**
 * A value as an SQL literal, for one-message statements (the simple query protocol), which
 * embedded PGlite runs for about two-thirds of the CPU of a parameterised query. `E''` strings
 * escape `\` and `'` the same way whatever `standard_conforming_strings` says.
 */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer literal: ${value}`);
    return String(value);
  }
  if (value.includes("\0")) throw new Error("text cannot contain NUL characters");
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}
