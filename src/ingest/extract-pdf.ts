import { extractTextItems, getDocumentProxy, getMeta, type StructuredTextItem } from "unpdf";
import { IngestError, isoDay, langFromTag, type ExtractedSource } from "./source.js";
import { tidyMarkdown } from "./tidy-markdown.js";

interface Line {
  text: string;
  size: number;
  y: number;
}

const BULLET = /^[•▪◦●○‣∙·–-]\s*/;

/**
 * Turns an official PDF into Markdown. PDFs carry no structure, only positioned text, so
 * structure is read from type: the body size is the size most characters are set in,
 * larger lines are headings (the largest on the first page is the title), smaller lines
 * are page furniture (running headers, footers, page numbers) and are dropped, a vertical
 * gap wider than the line spacing starts a new paragraph, and bullet glyphs become list items.
 */
export async function extractPdf(source: string, bytes: Uint8Array): Promise<ExtractedSource> {
  if (bytes.length === 0) throw new IngestError(source, "is empty");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given; pass a copy. Verbosity 0: errors only.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    throw new IngestError(source, `is not a readable PDF (${err instanceof Error ? err.message : String(err)}); download it again or use the HTML page`);
  }
  try {
    const { info } = await getMeta(pdf, { parseDates: true });
    const { items } = await extractTextItems(pdf);
    const pages = items.map(linesOf);
    const all = pages.flat();
    if (all.map((l) => l.text).join("").replace(/\s/g, "").length < 40) {
      throw new IngestError(source, "contains no extractable text (is it a scanned image? use the HTML page instead)");
    }
    const body = bodySize(all);
    const titleLine = (pages[0] ?? []).find((l) => l.size === Math.max(...all.map((x) => x.size)) && l.size > body * 1.15);
    // The printed title beats the metadata one, which is often a file name ("Microsoft Word - guide_v3").
    const title = titleLine?.text ?? stringField(info, "Title") ?? "";
    if (!title) throw new IngestError(source, "has no title (no heading on its first page and no title in its metadata)");
    return {
      title,
      markdown: tidyMarkdown(toMarkdown(pages, body), title),
      declaredLang: langFromTag(stringField(info, "Language")),
      sourceDate: isoDay(dateField(info, "ModDate") ?? dateField(info, "CreationDate")),
    };
  } finally {
    await pdf.destroy();
  }
}

/** Groups a page's text items into lines (same baseline), keeping each line's largest size. */
function linesOf(items: StructuredTextItem[]): Line[] {
  const lines: Line[] = [];
  for (const it of items) {
    if (it.str.trim() === "") continue;
    const last = lines.at(-1);
    if (last && Math.abs(last.y - it.y) < Math.max(2, it.fontSize * 0.3)) {
      last.text += (/\s$/.test(last.text) || /^\s/.test(it.str) ? "" : " ") + it.str;
      last.size = Math.max(last.size, it.fontSize);
    } else {
      lines.push({ text: it.str, size: it.fontSize, y: it.y });
    }
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, " ").trim() }));
}

function bodySize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function toMarkdown(pages: Line[][], body: number): string {
  const out: string[] = [];
  for (const lines of pages) {
    let prev: Line | undefined;
    for (const l of lines) {
      if (l.size < body * 0.85) continue;
      const isHeading = l.size > body * 1.15;
      const isItem = !isHeading && BULLET.test(l.text) && l.text.replace(BULLET, "").length > 0;
      const gap = prev ? prev.y - l.y : Infinity;
      const prevHeading = prev !== undefined && prev.size > body * 1.15;
      const continues = prev !== undefined && !isItem && isHeading === prevHeading && gap <= l.size * 1.6;
      if (continues) out[out.length - 1] += ` ${l.text}`;
      else if (isHeading) out.push("", `## ${l.text}`, "");
      else if (isItem) out.push(`- ${l.text.replace(BULLET, "")}`);
      else out.push("", l.text);
      prev = l;
    }
  }
  return out.join("\n");
}

function stringField(info: Record<string, unknown>, key: string): string | undefined {
  const v = info[key];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function dateField(info: Record<string, unknown>, key: string): Date | string | undefined {
  const v = info[key];
  return v instanceof Date || typeof v === "string" ? v : undefined;
}
