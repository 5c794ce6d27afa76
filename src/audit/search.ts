import { z } from "zod";
import type { SqlExecutor } from "../adapters/sql.js";
import { AnswerKindSchema, LangSchema } from "../contract/envelope.js";

/**
 * Listing and searching logged turns, newest first, by date, language, kind, flag,
 * status, conversation and text. The same filters serve the API (query string) and the
 * UI (a GET form, whose empty fields arrive as empty strings).
 */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date or date-time. A date-only `to` includes that whole day (UTC). */
export function dateBound(edge: "from" | "to") {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => DATE_ONLY.test(s) || (!Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s)), { message: "must be an ISO date (2026-10-05) or date-time (2026-10-05T12:00:00Z)" })
      .transform((s) => {
        if (!DATE_ONLY.test(s)) return new Date(s);
        const d = new Date(`${s}T00:00:00.000Z`);
        return edge === "to" ? new Date(d.getTime() + 86_400_000) : d;
      })
      .optional(),
  );
}

export const TurnFilterSchema = z.strictObject({
  from: dateBound("from"),
  to: dateBound("to"),
  lang: z.preprocess(blankToUndefined, LangSchema.optional()),
  kind: z.preprocess(blankToUndefined, AnswerKindSchema.optional()),
  flagged: z.preprocess(blankToUndefined, z.enum(["true", "false"]).transform((v) => v === "true").optional()),
  status: z.preprocess(blankToUndefined, z.enum(["published", "withdrawn", "purged"]).optional()),
  conversation: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().min(2, "search text must be at least 2 characters").max(200).optional()),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  cursor: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
});
export type TurnFilter = z.infer<typeof TurnFilterSchema>;

export interface TurnListItem {
  seq: number;
  turnId: string;
  conversationId: string | null;
  createdAt: string;
  lang: string | null;
  kind: string | null;
  /** The redacted question; null once purged. */
  question: string | null;
  flagged: boolean;
  status: "published" | "withdrawn";
  purged: boolean;
}

export interface TurnPage {
  items: TurnListItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** ILIKE pattern matching `q` literally anywhere. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function searchTurns(db: SqlExecutor, f: TurnFilter): Promise<TurnPage> {
  const where = ["t.type = 'turn'"];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const flaggedSql = "EXISTS (SELECT 1 FROM audit_events f WHERE f.turn_id = t.turn_id AND f.type = 'flag')";
  const withdrawnSql = "EXISTS (SELECT 1 FROM audit_events d WHERE d.turn_id = t.turn_id AND d.type = 'takedown')";
  if (f.from) where.push(`t.created_at >= ${p(f.from.toISOString())}`);
  if (f.to) where.push(`t.created_at < ${p(f.to.toISOString())}`);
  if (f.lang) where.push(`t.lang = ${p(f.lang)}`);
  if (f.kind) where.push(`t.answer_kind = ${p(f.kind)}`);
  if (f.conversation) where.push(`t.conversation_id = ${p(f.conversation)}`);
  if (f.flagged !== undefined) where.push(f.flagged ? flaggedSql : `NOT ${flaggedSql}`);
  if (f.status === "withdrawn") where.push(withdrawnSql);
  if (f.status === "published") where.push(`NOT ${withdrawnSql}`);
  if (f.status === "purged") where.push("t.body IS NULL");
  if (f.cursor) where.push(`t.seq < ${p(f.cursor)}`);
  if (f.q) {
    const pattern = p(containsPattern(f.q));
    where.push(`t.body IS NOT NULL AND ((t.body::jsonb ->> 'question') ILIKE ${pattern} OR (t.body::jsonb -> 'envelope' ->> 'text') ILIKE ${pattern})`);
  }
  const limit = p(f.limit + 1);
  const r = await db.query<{
    seq: string; turn_id: string; conversation_id: string | null; created_at: unknown; lang: string | null; answer_kind: string | null;
    question: string | null; flagged: boolean; withdrawn: boolean; purged: boolean;
  }>(
    `SELECT t.seq::text AS seq, t.turn_id, t.conversation_id, t.created_at, t.lang, t.answer_kind,
            CASE WHEN t.body IS NULL THEN NULL ELSE t.body::jsonb ->> 'question' END AS question,
            ${flaggedSql} AS flagged, ${withdrawnSql} AS withdrawn, t.body IS NULL AS purged
     FROM audit_events t WHERE ${where.join(" AND ")} ORDER BY t.seq DESC LIMIT ${limit}`,
    params,
  );
  const rows = r.rows.slice(0, f.limit);
  const items = rows.map((row) => ({
    seq: Number(row.seq),
    turnId: row.turn_id,
    conversationId: row.conversation_id,
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : new Date(String(row.created_at)).toISOString(),
    lang: row.lang,
    kind: row.answer_kind,
    question: row.question,
    flagged: row.flagged,
    status: row.withdrawn ? ("withdrawn" as const) : ("published" as const),
    purged: row.purged,
  }));
  return { items, nextCursor: r.rows.length > f.limit ? items[items.length - 1]!.seq : null };
}
