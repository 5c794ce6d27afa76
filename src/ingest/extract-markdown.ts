import matter from "gray-matter";
import { IngestError, isoDay, langFromTag, type ExtractedSource } from "./source.js";
import { tidyMarkdown } from "./tidy-markdown.js";

/**
 * Reads a Markdown source (an official page saved as Markdown, or notes with front matter).
 * Front matter may give `title`, `lang`, `source_url` (or `url`/`canonical`) and
 * `source_date` (or `date`); the first `#` heading is the title otherwise.
 */
export function extractMarkdown(source: string, text: string): ExtractedSource {
  if (text.trim().length === 0) throw new IngestError(source, "is empty");
  if (text.includes("\u0000")) throw new IngestError(source, "is not a Markdown text file (it contains binary data)");
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {});
  } catch (err) {
    throw new IngestError(source, `has front matter that is not valid YAML (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
  }
  const data: Record<string, unknown> = parsed.data;
  const str = (...keys: string[]) => keys.map((k) => data[k]).find((v): v is string => typeof v === "string" && v.trim() !== "")?.trim();
  const date = ["source_date", "date"].map((k) => data[k]).find((v): v is string | Date => typeof v === "string" || v instanceof Date);
  const h1 = /^#\s+(.+?)\s*#*$/m.exec(parsed.content)?.[1];
  const title = str("title") ?? h1 ?? "";
  if (!title) throw new IngestError(source, "has no title (no `# ` heading and no title in its front matter)");
  const markdown = tidyMarkdown(parsed.content, title);
  if (markdown.replace(/[#*_\-\s]/g, "").length < 40) throw new IngestError(source, "has no readable text under its title");
  return {
    title,
    markdown,
    declaredLang: langFromTag(str("lang", "language")),
    declaredUrl: str("source_url", "canonical", "url"),
    sourceDate: isoDay(date),
  };
}
