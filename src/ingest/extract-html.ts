import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { IngestError, isoDay, langFromTag, type ExtractedSource } from "./source.js";
import { tidyMarkdown } from "./tidy-markdown.js";

/**
 * Site chrome that is never content: navigation, breadcrumbs, cookie and consent banners,
 * skip links, share bars, search forms. Removed before Readability scores the page, because
 * on a short official page a cookie banner can outscore the article itself.
 */
const CHROME = [
  "script", "style", "noscript", "template", "iframe", "svg", "form", "dialog", "nav", "aside",
  "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]", "[role=dialog]", "[role=alertdialog]",
  "[aria-label*=breadcrumb i]", "[aria-label*=ariane i]", "[class*=breadcrumb i]", "[id*=breadcrumb i]",
  "[class*=cookie i]", "[id*=cookie i]", "[class*=consent i]", "[id*=consent i]", "[class*=gdpr i]",
  "[class*=skip-link i]", "[class*=share i]", "[class*=social i]",
].join(", ");

const DATE_METAS = [
  'meta[property="article:modified_time"]', 'meta[property="og:updated_time"]', 'meta[name="dcterms.modified"]',
  'meta[name="DC.date.modified"]', 'meta[itemprop="dateModified"]', 'meta[property="article:published_time"]',
  'meta[name="dcterms.issued"]', 'meta[name="date"]',
];

type Doc = ReturnType<typeof parseHTML>["document"];

/** Turns an official HTML page into its title, main text as Markdown, and metadata. */
export function extractHtml(source: string, html: string, baseUrl?: string): ExtractedSource {
  if (html.trim().length === 0) throw new IngestError(source, "is empty");
  if (html.includes("\u0000")) throw new IngestError(source, "is not an HTML text file (it contains binary data)");
  const { document } = parseHTML(html);
  const declaredUrl = absolute(attr(document, 'link[rel="canonical"]', "href") ?? attr(document, 'meta[property="og:url"]', "content"), baseUrl);
  const base = baseUrl ?? declaredUrl;
  const sourceDate = DATE_METAS.map((sel) => isoDay(attr(document, sel, "content"))).find((d) => d) ?? jsonLdDate(document);
  const declaredLang = langFromTag(document.documentElement?.getAttribute("lang"));

  stripChrome(document);
  const h1 = text(document.querySelector("main h1, article h1, [role=main] h1, h1"));
  const title = h1 || attr(document, 'meta[property="og:title"]', "content")?.trim() || siteless(document.title);
  const contentHtml = mainContent(document, html);
  const markdown = tidyMarkdown(toMarkdown(contentHtml, base), title);
  if (markdown.replace(/[#*_\-\s]/g, "").length < 40) {
    throw new IngestError(source, "no readable text found in the page (is the file complete, or is the page built by JavaScript?)");
  }
  if (!title) throw new IngestError(source, "has no title (no <h1>, og:title or <title>)");
  return { title, markdown, declaredLang, declaredUrl, sourceDate };
}

function stripChrome(document: Doc): void {
  for (const el of [...document.querySelectorAll(CHROME)]) el.remove();
  // Accordion questions are buttons (<h3><button>Question?</button></h3>) and their answers
  // collapsed panels: an official FAQ's answers are content, so keep the question's text and
  // show the panels (Readability skips hidden nodes).
  for (const el of [...document.querySelectorAll("button")]) el.replaceWith(document.createTextNode(el.textContent ?? ""));
  for (const el of [...document.querySelectorAll('[hidden], [aria-hidden="true"], [style*="display:none" i], [style*="display: none" i]')]) {
    if (text(el) === "") continue;
    el.removeAttribute("hidden");
    el.removeAttribute("aria-hidden");
    el.removeAttribute("style");
  }
  // Page-level header and footer are chrome; an article's own header holds its title.
  for (const el of [...document.querySelectorAll("header, footer")]) {
    if (!el.parentElement?.closest("main, article, [role=main]")) el.remove();
  }
}

/**
 * Readability's pick of the main content (it also drops share bars, related links and the
 * like), unless it kept less than half of the page's <main>: then the <main> itself.
 */
function mainContent(document: Doc, html: string): string {
  const main = document.querySelector("main, [role=main], article") ?? document.body;
  const fresh = parseHTML(html).document;
  stripChrome(fresh);
  const article = new Readability(fresh, { charThreshold: 200 }).parse();
  const picked = article?.content ?? "";
  const pickedText = text(parseHTML(`<!doctype html><html><body>${picked}</body></html>`).document.body);
  return pickedText.length >= 0.5 * text(main).length ? picked : (main?.innerHTML ?? "");
}

function toMarkdown(html: string, base: string | undefined): string {
  const td = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "_" });
  td.remove(["img", "picture", "video", "audio", "canvas", "input", "select", "textarea"]);
  td.addRule("absolute-links", {
    filter: "a",
    replacement(content, node) {
      const href = absolute((node as HTMLElement).getAttribute("href"), base);
      const label = content.trim();
      if (!label) return "";
      return href && /^https?:/.test(href) && !href.includes("#") ? `[${label}](${href})` : label;
    },
  });
  return td.turndown(html);
}

function attr(document: Doc, selector: string, name: string): string | undefined {
  return document.querySelector(selector)?.getAttribute(name)?.trim() || undefined;
}

function text(el: { textContent: string | null } | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

function absolute(href: string | null | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** "Voter sans pièce | Élections Québec" → "Voter sans pièce". */
function siteless(title: string | null | undefined): string {
  return (title ?? "").replace(/\s+[|–—-]\s+[^|–—-]+$/, "").trim();
}

function jsonLdDate(document: Doc): string | undefined {
  for (const el of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    const m = /"dateModified"\s*:\s*"([^"]+)"/.exec(el.textContent ?? "") ?? /"datePublished"\s*:\s*"([^"]+)"/.exec(el.textContent ?? "");
    if (m) return isoDay(m[1]);
  }
  return undefined;
}
