import { createHash } from "node:crypto";
import type { CorpusDocument } from "./document.js";

/**
 * The corpus version: a content hash over every document's id, front matter and body,
 * so any edit (even of a date) gives a new version that logged turns can be tied to.
 */
export function corpusVersion(docs: readonly CorpusDocument[]): string {
  const h = createHash("sha256");
  for (const d of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    const { path: _path, ...content } = d;
    h.update(JSON.stringify(content, Object.keys(content).sort()));
    h.update("\0");
  }
  return `c-${h.digest("hex").slice(0, 16)}`;
}
