import type { Lang } from "../contract/envelope.js";
import { isOfficialUrl } from "./document.js";

/** A source that could not be turned into a draft; the message names the source and says why. */
export class IngestError extends Error {
  override readonly name = "IngestError";
  constructor(readonly source: string, reason: string) {
    super(`${source}: ${reason}`);
  }
}

/** What an official page or file yields once its navigation and chrome are gone. */
export interface ExtractedSource {
  title: string;
  /** Markdown body without the title; sections are `##` headings. */
  markdown: string;
  /** Language the source declares about itself (html lang, PDF /Lang), if any. */
  declaredLang?: Lang;
  /** The URL the page declares as its own (canonical link, og:url, front matter). */
  declaredUrl?: string;
  /** Date of this version of the page (modified, else published), YYYY-MM-DD. */
  sourceDate?: string;
}

/** Reads "fr", "fr-CA", "en_US"… as one of the corpus languages. */
export function langFromTag(tag: string | null | undefined): Lang | undefined {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return primary === "fr" || primary === "en" ? primary : undefined;
}

/** Reads an ISO or PDF date ("2026-02-23T10:00:00Z", "D:20260223…") as YYYY-MM-DD. */
export function isoDay(value: string | Date | null | undefined): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (!value) return undefined;
  const pdf = /^D:(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (pdf) return `${pdf[1]}-${pdf[2]}-${pdf[3]}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

/** Throws the refusal every ingest path gives for a source outside the allowlist. */
export function requireOfficial(source: string, url: string, domains: readonly string[], role: string): void {
  if (isOfficialUrl(url, domains)) return;
  throw new IngestError(
    source,
    `refused: ${url} (${role}) is not on an allowlisted official domain (${domains.join(", ")}). ` +
      "Only Élections Québec's and Québec's legal sources may back the corpus; if this domain really is official, " +
      "add it with CORPUS_ALLOWED_DOMAINS or --allow.",
  );
}
