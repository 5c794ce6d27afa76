import type { Lang } from "../contract/envelope.js";
import { detectLang } from "../text/analyze.js";
import { TOPICS } from "./document.js";
import { DRAFT_KEY } from "./load.js";
import type { ExtractedSource } from "./source.js";

export type Scope = "provincial" | "municipal" | "school" | "all";

export interface Draft {
  lang: Lang;
  slug: string;
  /** Path under the drafts directory: `<lang>/<slug>.md`. */
  relPath: string;
  text: string;
}

export interface DraftOptions {
  /** The official URL the document will cite (already checked against the allowlist). */
  sourceUrl: string;
  /** Where the text came from (file path or fetched URL), recorded for the reviewer. */
  origin: string;
  today: string;
  slug?: string;
  lang?: Lang;
  scope?: Scope;
}

/**
 * Builds a draft corpus document: front matter filled as far as the source allows, and a
 * `draft` block that `corpus check` and the loader refuse, so an unreviewed draft moved
 * into corpus/<lang>/ can never be served. verified_at and topics are left to the reviewer.
 */
export function buildDraft(src: ExtractedSource, opts: DraftOptions): Draft {
  const lang = opts.lang ?? src.declaredLang ?? detectLang(`${src.title}\n${src.markdown}`);
  const slug = opts.slug ?? slugFor(opts.sourceUrl, src.title);
  const other: Lang = lang === "fr" ? "en" : "fr";
  const scope = opts.scope ?? guessScope(`${opts.sourceUrl} ${src.title}`);
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    "---",
    "# DRAFT made by `npm run corpus -- ingest`. Before it can be served:",
    "#  1. rewrite the text in our own words, one voter question per `##` section;",
    "#  2. fill verified_at (the day you checked every fact against the source) and topics;",
    "#  3. check the slug (English kebab-case, the same file name in both languages), scope and source_date;",
    `#  4. delete the ${DRAFT_KEY} block, move the file to corpus/${lang}/, then run \`npm run corpus -- check\`.`,
    `${DRAFT_KEY}:`,
    `  ingested_from: ${q(opts.origin)}`,
    `  ingested_at: ${opts.today}`,
    `id: ${slug}-${lang}`,
    `lang: ${lang}`,
    `title: ${q(src.title)}`,
    `source_url: ${q(opts.sourceUrl)}`,
    src.sourceDate ? `source_date: ${src.sourceDate}` : "source_date:            # not found in the source: the date of the page version you used (YYYY-MM-DD)",
    "verified_at:            # the day you checked every fact (YYYY-MM-DD)",
    `topics: []             # one or more of: ${TOPICS.join(", ")}`,
    `translation: ${slug}-${other}`,
    `scope: ${scope}           # provincial | municipal | school | all`,
    "---",
    `# ${src.title}`,
    "",
    src.markdown,
    "",
  ];
  return { lang, slug, relPath: `${lang}/${slug}.md`, text: lines.join("\n") };
}

/** An ASCII kebab-case slug from the URL's last path segment, else from the title. */
export function slugFor(url: string, title: string): string {
  let segment = "";
  try {
    segment = new URL(url).pathname.split("/").filter(Boolean).at(-1)?.replace(/\.(html?|php|aspx?|pdf)$/i, "") ?? "";
  } catch {
    segment = "";
  }
  const fromSegment = kebab(decodeURIComponent(segment));
  return fromSegment.length >= 3 && /[a-z]/.test(fromSegment) ? fromSegment : kebab(title) || "document";
}

function kebab(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function guessScope(text: string): Scope {
  if (/municipal/i.test(text)) return "municipal";
  if (/scolaire|school/i.test(text)) return "school";
  return "provincial";
}
