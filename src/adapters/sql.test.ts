import { describe, expect, it } from "vitest";
import { openPglite } from "./pglite.js";
import { sqlLiteral } from "./sql.js";

describe("sqlLiteral", () => {
  it("round-trips quotes, backslashes and any Unicode through the database", async () => {
    const db = await openPglite();
    try {
      for (const text of ["it's", "\\", "\\'", "''", "a\\nb", "\n\t", "🗳️ é", "$$", "E'\\\\'"]) {
        const r = await db.query<{ v: string }>(`SELECT ${sqlLiteral(text)} AS v`);
        expect(r.rows[0]!.v).toBe(text);
      }
      const n = await db.query<{ v: string }>(`SELECT ${sqlLiteral(9007199254740991)}::text AS v, ${sqlLiteral(null)} IS NULL AS z`);
      expect(n.rows[0]).toEqual({ v: "9007199254740991", z: true });
    } finally {
      await db.close();
    }
  });

  it("refuses what it cannot write exactly", () => {
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
    expect(() => sqlLiteral(1.5)).toThrow(/integer/);
    expect(() => sqlLiteral(Number.NaN)).toThrow(/integer/);
  });
});
