import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { DEFAULT_OFFICIAL_DOMAINS, frontMatterSchema, type CorpusDocument } from "./document.js";

export class CorpusError extends Error {
  override readonly name = "CorpusError";
  constructor(readonly file: string, readonly field: string, readonly reason: string) {
    super(`${file}: ${field}: ${reason}`);
  }
}

/** The marker `corpus ingest` puts in a draft's front matter; a reviewer deletes it. */
export const DRAFT_KEY = "draft";

/**
 * Parses one corpus file's text; throws a CorpusError naming the file and the bad field.
 * `domains` is the allowlist its source URL must belong to (the configured one).
 */
export function parseDocument(file: string, text: string, domains: readonly string[] = DEFAULT_OFFICIAL_DOMAINS): CorpusDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options bypass gray-matter's cache: it caches a text before parsing it, so a second
    // parse of the same invalid YAML would return empty data instead of the YAML error.
    parsed = matter(text, {});
  } catch (err) {
    throw new CorpusError(file, "front matter", `is not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  if (Object.keys(parsed.data).length === 0) throw new CorpusError(file, "front matter", "is missing");
  if (DRAFT_KEY in parsed.data) {
    throw new CorpusError(file, DRAFT_KEY, "this is an unreviewed draft from `corpus ingest`: rewrite it, fill verified_at and topics, then delete the draft block");
  }
  const fm = frontMatterSchema(domains).safeParse(parsed.data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    throw new CorpusError(file, issue.path.join(".") || "front matter", issue.message);
  }
  const slug = path.basename(file, ".md");
  const dir = path.basename(path.dirname(file));
  if (fm.data.lang !== dir) throw new CorpusError(file, "lang", `is "${fm.data.lang}" but the file is in corpus/${dir}/`);
  if (fm.data.id !== `${slug}-${fm.data.lang}`) throw new CorpusError(file, "id", `must be "${slug}-${fm.data.lang}" (file name + language)`);
  const other = fm.data.lang === "fr" ? "en" : "fr";
  if (fm.data.translation !== `${slug}-${other}`) throw new CorpusError(file, "translation", `must be "${slug}-${other}"`);
  const body = parsed.content.trim();
  if (body.length < 40) throw new CorpusError(file, "body", "is empty or too short");
  return { ...fm.data, slug, path: file, body };
}

/** Reads corpus/<lang>/*.md in a stable order; sources must be on `domains`. */
export async function loadCorpus(corpusDir: string, domains: readonly string[] = DEFAULT_OFFICIAL_DOMAINS): Promise<CorpusDocument[]> {
  const docs: CorpusDocument[] = [];
  for (const lang of ["fr", "en"] as const) {
    const dir = path.join(corpusDir, lang);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      docs.push(parseDocument(file, await readFile(file, "utf8"), domains));
    }
  }
  if (docs.length === 0) throw new CorpusError(corpusDir, "corpus", "has no documents under fr/ or en/");
  return docs;
}
