/**
 * Puts converted Markdown in the corpus's shape: the page title is dropped (the draft
 * writes it as its `#` line), the shallowest remaining heading becomes `##` (the chunker
 * splits documents on `##`), nothing goes deeper than `###`, list markers take one space,
 * and blank runs collapse.
 */
export function tidyMarkdown(markdown: string, title: string): string {
  let lines = markdown.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/[ \t\u00a0]+$/, ""));
  const heading = (l: string) => /^(#{1,6})\s+(.*?)\s*#*$/.exec(l);
  const firstHeading = lines.findIndex((l) => heading(l));
  if (firstHeading >= 0 && sameText(heading(lines[firstHeading]!)![2]!, title)) lines.splice(firstHeading, 1);
  const levels = lines.map((l) => heading(l)?.[1]!.length).filter((n): n is number => n !== undefined);
  const shift = levels.length > 0 ? 2 - Math.min(...levels) : 0;
  lines = lines.map((l) => {
    const h = heading(l);
    if (h) return `${"#".repeat(Math.min(3, h[1]!.length + shift))} ${h[2]}`;
    return l.replace(/^(\s*)([-*+])\s{2,}/, "$1- ").replace(/^(\s*)(\d+\.)\s{2,}/, "$1$2 ");
  });
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return norm(a) === norm(b);
}
