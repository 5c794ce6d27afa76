import type { Citation } from "../contract/envelope.js";
import type { Hit } from "../retrieve/retrieve.js";
import { OFFICIAL } from "../seal/official.js";
import { unsupportedEntities } from "./entities.js";
import type { Composition } from "./types.js";
import { containsVerbatim } from "./units.js";

export type ViolationKind =
  | "no_citation" | "unknown_citation" | "citation_not_retrieved" | "quote_not_verbatim"
  | "citation_url_mismatch" | "uncited_sentence" | "unsupported_entity";

export interface Violation {
  kind: ViolationKind;
  detail: string;
}

const OFFICIAL_FACTS = [`${OFFICIAL.link.fr.url} ${OFFICIAL.link.en.url} ${OFFICIAL.domain} ${OFFICIAL.phoneDisplay.fr} ${OFFICIAL.phoneDisplay.en}`];

/**
 * The contract, enforced by code whatever the composer: every [n] resolves to a citation
 * of a passage that was actually retrieved, quotes are verbatim, and no URL, e-mail,
 * phone number, figure or date appears that the cited passages do not contain.
 */
export function verifyComposition(c: Composition, hits: readonly Hit[]): Violation[] {
  if (c.kind === "abstain") return [];
  const v: Violation[] = [];
  const byChunk = new Map(hits.map((h) => [h.chunk.id, h.chunk]));
  const byN = new Map<number, Citation>(c.citations.map((x) => [x.n, x]));
  if (c.citations.length === 0) v.push({ kind: "no_citation", detail: "an answer needs at least one citation" });
  for (const cit of c.citations) {
    const chunk = byChunk.get(cit.chunkId);
    if (!chunk) {
      v.push({ kind: "citation_not_retrieved", detail: `[${cit.n}] ${cit.chunkId}` });
      continue;
    }
    if (cit.url !== chunk.url || cit.sourceId !== chunk.docId) v.push({ kind: "citation_url_mismatch", detail: `[${cit.n}] ${cit.url}` });
    if (!containsVerbatim(chunk.text, cit.quote)) v.push({ kind: "quote_not_verbatim", detail: `[${cit.n}] ${cit.quote.slice(0, 60)}` });
  }
  // Each segment of text ends with its markers and is checked against the passages it cites.
  for (const { text, marks } of citedSegments(c.body)) {
    for (const n of marks) if (!byN.has(n)) v.push({ kind: "unknown_citation", detail: `[${n}]` });
    const cited = marks.map((n) => byChunk.get(byN.get(n)?.chunkId ?? "")?.text).filter((t): t is string => t !== undefined);
    if (marks.length === 0 && /[\p{L}\p{N}]{3,}/u.test(text)) v.push({ kind: "uncited_sentence", detail: text.slice(0, 80) });
    for (const e of unsupportedEntities(text, cited, OFFICIAL_FACTS)) {
      v.push({ kind: "unsupported_entity", detail: `${e.kind}: ${e.raw}` });
    }
  }
  return v;
}

/** Splits a body into runs of text each followed by its [n] markers; a trailing run has none. */
export function citedSegments(body: string): { text: string; marks: number[] }[] {
  const out: { text: string; marks: number[] }[] = [];
  const re = /([\s\S]*?)((?:\s*\[\d+\])+)/g;
  let last = 0;
  for (const m of body.matchAll(re)) {
    out.push({ text: m[1]!.trim(), marks: [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) });
    last = m.index + m[0].length;
  }
  const tail = body.slice(last).trim();
  if (tail) out.push({ text: tail, marks: [] });
  return out;
}
