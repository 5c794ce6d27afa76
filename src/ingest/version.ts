import { createHash } from "node:crypto";
import type { CorpusDocument } from "./document.js";

/** What a version covers of a document: id, front matter and body (not where it lies on disk). */
function documentContent(d: CorpusDocument): string {
  const { path: _path, ...content } = d;
  return JSON.stringify(content, Object.keys(content).sort());
}

/**
 * The corpus version: a content hash over every document's id, front matter and body,
 * so any edit (even of a date) gives a new version that logged turns can be tied to.
 */
export function corpusVersion(docs: readonly CorpusDocument[]): string {
  const h = createHash("sha256");
  for (const d of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    h.update(documentContent(d));
    h.update("\0");
  }
  return `c-${h.digest("hex").slice(0, 16)}`;
}

/** One document's content hash, so the changelog can tell which documents changed. */
export function documentHash(d: CorpusDocument): string {
  return createHash("sha256").update(documentContent(d)).digest("hex").slice(0, 16);
}

/** Every document's content hash, keyed by id, in id order. */
export function documentHashes(docs: readonly CorpusDocument[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of [...docs].sort((a, b) => a.id.localeCompare(b.id))) out[d.id] = documentHash(d);
  return out;
}
