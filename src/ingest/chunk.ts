import { createHash } from "node:crypto";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { z } from "zod";
import { LangSchema } from "../contract/envelope.js";
import type { CorpusDocument } from "./document.js";

/** A retrievable passage. `text` is verbatim document text: citations quote from it. */
export const ChunkSchema = z.object({
  id: z.string(),
  docId: z.string(),
  slug: z.string(),
  lang: LangSchema,
  title: z.string(),
  heading: z.string(),
  url: z.string(),
  scope: z.enum(["provincial", "municipal", "school", "all"]),
  text: z.string(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const CHUNK_SIZE = 900;

/** What retrieval indexes: the passage with its document title and section heading. */
export function searchableText(c: Chunk): string {
  return `${c.title}. ${c.heading}. ${c.text}`;
}

/** Splits a body into (heading, text) sections on `##` headings; the H1 title is dropped. */
function sections(body: string): { heading: string; text: string }[] {
  const out: { heading: string; text: string }[] = [];
  let heading = "";
  let buf: string[] = [];
  const flush = () => {
    const text = buf.join("\n").trim();
    if (text.length > 0) out.push({ heading, text });
    buf = [];
  };
  for (const line of body.split("\n")) {
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      heading = h[1] === "#" ? "" : h[2]!.trim();
      continue;
    }
    buf.push(line);
  }
  flush();
  return out;
}

/**
 * Chunks documents section by section; a long section is split further by LangChain's
 * recursive splitter. Chunk ids are stable: document id + ordinal + content hash.
 */
export async function chunkDocuments(docs: readonly CorpusDocument[], chunkSize = CHUNK_SIZE): Promise<Chunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap: 0, separators: ["\n\n", "\n", ". ", " "] });
  const chunks: Chunk[] = [];
  for (const doc of docs) {
    let ord = 0;
    for (const s of sections(doc.body)) {
      const pieces = s.text.length <= chunkSize ? [s.text] : await splitter.splitText(s.text);
      for (const text of pieces) {
        const hash = createHash("sha256").update(text).digest("hex").slice(0, 8);
        chunks.push({
          id: `${doc.id}:${ord++}-${hash}`,
          docId: doc.id,
          slug: doc.slug,
          lang: doc.lang,
          title: doc.title,
          heading: s.heading,
          url: doc.source_url,
          scope: doc.scope,
          text: text.trim(),
        });
      }
    }
  }
  return chunks;
}
