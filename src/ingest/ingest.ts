import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Lang } from "../contract/envelope.js";
import { buildDraft, type Draft, type Scope } from "./draft.js";
import { extractHtml } from "./extract-html.js";
import { extractMarkdown } from "./extract-markdown.js";
import { extractPdf } from "./extract-pdf.js";
import { fetchSource } from "./fetch-source.js";
import { IngestError, isoDay, requireOfficial, type ExtractedSource } from "./source.js";
import { writeFilesAtomically } from "./write-atomic.js";

export interface IngestOptions {
  /** Files, directories (their .html/.htm/.pdf/.md files) and http(s) URLs. */
  inputs: string[];
  /** Drafts go to `<outDir>/<lang>/<slug>.md`. */
  outDir: string;
  /** The allowlist of official domains. */
  domains: readonly string[];
  today: string;
  timeoutMs: number;
  force?: boolean;
  /** For a single local source: the official URL it was saved from. */
  sourceUrl?: string;
  slug?: string;
  lang?: Lang;
  scope?: Scope;
  fetch?: typeof fetch;
}

/** Every source that failed, each with its reason; nothing was written. */
export class IngestFailed extends Error {
  override readonly name = "IngestFailed";
  constructor(readonly errors: IngestError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}

const EXTENSIONS = /\.(html?|pdf|md|markdown)$/i;

/**
 * Turns official sources into draft corpus documents. Every source is read, extracted and
 * checked first; only when all of them succeed are the drafts written, all at once.
 */
export async function ingest(opts: IngestOptions): Promise<{ written: string[]; drafts: Draft[] }> {
  const sources = await expandInputs(opts.inputs);
  if (sources.length > 1 && (opts.sourceUrl || opts.slug)) {
    throw new IngestFailed([new IngestError(opts.inputs.join(", "), "--source-url and --slug apply to a single source; ingest the files one by one")]);
  }
  const drafts: Draft[] = [];
  const errors: IngestError[] = [];
  for (const src of sources) {
    try {
      drafts.push(await draftFrom(src, opts));
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      errors.push(err);
    }
  }
  const seen = new Map<string, string>();
  for (const [i, d] of drafts.entries()) {
    const first = seen.get(d.relPath);
    if (first) errors.push(new IngestError(sources[i]!, `gives the same draft ${d.relPath} as ${first}; pass --slug`));
    seen.set(d.relPath, sources[i]!);
  }
  if (errors.length > 0) throw new IngestFailed(errors);
  const files = drafts.map((d) => ({ path: path.join(opts.outDir, d.relPath), text: d.text }));
  await writeFilesAtomically(files, { overwrite: opts.force ?? false });
  return { written: files.map((f) => f.path), drafts };
}

async function expandInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  const errors: IngestError[] = [];
  for (const input of inputs) {
    if (/^[a-z]+:\/\//i.test(input)) {
      out.push(input);
      continue;
    }
    const info = await stat(input).catch(() => null);
    if (!info) errors.push(new IngestError(input, "no such file or directory"));
    else if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => EXTENSIONS.test(n)).sort();
      if (names.length === 0) errors.push(new IngestError(input, "holds no .html, .htm, .pdf or .md file"));
      out.push(...names.map((n) => path.join(input, n)));
    } else if (!EXTENSIONS.test(input)) errors.push(new IngestError(input, "is not a supported file (.html, .htm, .pdf or .md)"));
    else out.push(input);
  }
  if (errors.length > 0) throw new IngestFailed(errors);
  return out;
}

async function draftFrom(src: string, opts: IngestOptions): Promise<Draft> {
  const isUrl = /^[a-z]+:\/\//i.test(src);
  if (isUrl && !/^https?:\/\//i.test(src)) throw new IngestError(src, "only http(s) URLs can be fetched");
  const fetched = isUrl ? await fetchSource(src, { domains: opts.domains, timeoutMs: opts.timeoutMs, fetch: opts.fetch }) : undefined;
  const bytes = fetched?.bytes ?? new Uint8Array(await readFile(src));
  const extracted = await extract(src, bytes, fetched?.contentType ?? "", fetched?.url);
  const declared = extracted.declaredUrl;
  // A page that says it lives elsewhere is refused even when someone vouches for it with --source-url.
  if (declared) requireOfficial(src, declared, opts.domains, "the address the page declares as its own");
  let sourceUrl: string;
  if (fetched) sourceUrl = declared ?? fetched.url;
  else {
    const url = opts.sourceUrl ?? declared;
    if (!url) {
      throw new IngestError(src, "has no official source URL (no canonical link or og:url in it): pass --source-url https://www.electionsquebec.qc.ca/… with the address it was saved from");
    }
    requireOfficial(src, url, opts.domains, "given with --source-url");
    sourceUrl = url;
  }
  const sourceDate = extracted.sourceDate ?? isoDay(fetched?.lastModified);
  return buildDraft({ ...extracted, sourceDate }, { sourceUrl, origin: src, today: opts.today, slug: opts.slug, lang: opts.lang, scope: opts.scope });
}

function extract(src: string, bytes: Uint8Array, contentType: string, baseUrl: string | undefined): Promise<ExtractedSource> | ExtractedSource {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.startsWith("%PDF-") || /\.pdf$/i.test(src) || contentType.includes("application/pdf")) return extractPdf(src, bytes);
  const text = decode(bytes, contentType, head);
  if (/\.(md|markdown)$/i.test(src) || contentType.includes("markdown")) return extractMarkdown(src, text);
  return extractHtml(src, text, baseUrl);
}

/** Decodes with the declared charset (HTTP header or <meta>): older official pages are Latin-1. */
function decode(bytes: Uint8Array, contentType: string, head: string): string {
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
