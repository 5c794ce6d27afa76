/**
 * Splits a passage into citable units: sentences (Intl.Segmenter handles "a.m.", "etc.")
 * and whole Markdown lists, kept with the sentence that introduces them, so an answer
 * never quotes a bare list item out of context. Every unit is verbatim passage text.
 */
export function splitUnits(text: string, lang: string): string[] {
  const seg = new Intl.Segmenter(lang, { granularity: "sentence" });
  const units: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split("\n");
    const isList = lines.some((l) => /^\s*([-*]|\d+[.)])\s+/.test(l));
    if (isList) {
      const firstItem = lines.findIndex((l) => /^\s*([-*]|\d+[.)])\s+/.test(l));
      const intro = lines.slice(0, firstItem).join("\n").trim();
      const list = lines.slice(firstItem).join("\n").trim();
      const introUnits = intro ? [...seg.segment(intro)].map((s) => s.segment.trim()).filter(Boolean) : [];
      const last = introUnits.pop();
      units.push(...introUnits);
      units.push(last ? `${last}\n${list}` : list);
      continue;
    }
    for (const s of seg.segment(block.replace(/\n/g, " "))) {
      const u = s.segment.trim();
      if (u.length > 0) units.push(u);
    }
  }
  return units;
}

/** Whether `quote` occurs in `text` once whitespace runs are treated as equal. */
export function containsVerbatim(text: string, quote: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  return norm(text).includes(norm(quote));
}
