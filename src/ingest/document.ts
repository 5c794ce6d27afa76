import { z } from "zod";
import { LangSchema } from "../contract/envelope.js";

/** Domains whose pages may back a corpus document (official electoral and legal sources). */
export const DEFAULT_OFFICIAL_DOMAINS = [
  "electionsquebec.qc.ca",
  "elections.quebec",
  "legisquebec.gouv.qc.ca",
] as const;

export function isOfficialUrl(url: string, domains: readonly string[] = DEFAULT_OFFICIAL_DOMAINS): boolean {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return false;
    host = u.hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string({ error: "must be a date YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
);

export const TOPICS = [
  "eligibility", "registration", "identification", "advance-voting", "polling-day", "special-voting",
  "outside-quebec", "time-off-work", "accessibility", "ballot", "election-dates", "by-elections",
  "divisions", "candidates", "results", "financing", "disinformation", "contact", "municipal", "school",
  "institution",
] as const;

export const TopicSchema = z.enum(TOPICS);
export type Topic = z.infer<typeof TopicSchema>;

/** The front matter of a corpus document whose source must be on one of `domains`. */
export function frontMatterSchema(domains: readonly string[] = DEFAULT_OFFICIAL_DOMAINS) {
  return z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-(fr|en)$/, "must be <slug>-<lang>"),
    lang: LangSchema,
    title: z.string().trim().min(3),
    source_url: z.url().refine((u) => isOfficialUrl(u, domains), `must be a page on an allowlisted official domain (${domains.join(", ")})`),
    source_date: isoDate,
    verified_at: isoDate,
    topics: z.array(TopicSchema).min(1, "must name at least one topic"),
    translation: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-(fr|en)$/, "must be <slug>-<lang>"),
    scope: z.enum(["provincial", "municipal", "school", "all"]),
    election: z.string().min(3).optional(),
  });
}

export const FrontMatterSchema = frontMatterSchema();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** A corpus document after parsing: front matter plus its Markdown body. */
export interface CorpusDocument extends FrontMatter {
  slug: string;
  path: string;
  body: string;
}
