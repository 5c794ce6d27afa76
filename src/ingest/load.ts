import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { FrontMatterSchema, type CorpusDocument } from "./document.js";

export class CorpusError extends Error {
  override readonly name = "CorpusError";
  constructor(readonly file: string, readonly field: string, message: string) {
    super(`${file}: ${field}: ${message}`);
  }
}

/** Parses one corpus file's text; throws a CorpusError naming the file and the bad field. */
export function parseDocument(file: string, text: string): CorpusDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text);
  } catch (err) {
    throw new CorpusError(file, "front matter", `is not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  if (Object.keys(parsed.data).length === 0) throw new CorpusError(file, "front matter", "is missing");
  const fm = FrontMatterSchema.safeParse(parsed.data);
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

/** Reads corpus/<lang>/*.md in a stable order. */
export async function loadCorpus(corpusDir: string): Promise<CorpusDocument[]> {
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
      docs.push(parseDocument(file, await readFile(file, "utf8")));
    }
  }
  if (docs.length === 0) throw new CorpusError(corpusDir, "corpus", "has no documents under fr/ or en/");
  return docs;
}
