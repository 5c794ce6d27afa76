import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { REQUIRED_TOPICS } from "../../src/ingest/coverage.js";

/** A valid corpus document's text; `patch` rewrites it for the case under test. */
export function docText(slug: string, lang: "fr" | "en", topics: readonly string[], fields: Record<string, string> = {}): string {
  const other = lang === "fr" ? "en" : "fr";
  const fm: Record<string, string> = {
    id: `${slug}-${lang}`,
    lang,
    title: `"${lang === "fr" ? "Document" : "Document"} ${slug}"`,
    source_url: "https://www.electionsquebec.qc.ca/?p=2597",
    source_date: "2026-02-23",
    verified_at: "2026-11-01",
    topics: `[${topics.join(", ")}]`,
    translation: `${slug}-${other}`,
    scope: "provincial",
    ...fields,
  };
  const body = lang === "fr"
    ? `# Document ${slug}\n\nCe document couvre un sujet du corpus de test.\n\n## Première question\nLa réponse à la première question tient en une phrase.\n`
    : `# Document ${slug}\n\nThis document covers one topic of the test corpus.\n\n## First question\nThe answer to the first question fits in one sentence.\n`;
  return `---\n${Object.entries(fm).map(([k, v]) => `${k}: ${v}`).join("\n")}\n---\n${body}`;
}

/** Writes a corpus with one fr/en pair per required topic: it passes every check but the changelog. */
export async function writeFullCorpus(dir: string): Promise<void> {
  for (const lang of ["fr", "en"] as const) {
    await mkdir(path.join(dir, lang), { recursive: true });
    for (const topic of REQUIRED_TOPICS) await writeFile(path.join(dir, lang, `${topic}.md`), docText(topic, lang, [topic]));
  }
}
