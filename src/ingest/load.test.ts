import { mkdtemp, mkdir, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CORPUS } from "../../tests/support/runtime.js";
import { chunkDocuments } from "./chunk.js";
import { loadCorpus, parseDocument } from "./load.js";
import { corpusVersion } from "./version.js";

const good = await readFile(path.join(FIXTURE_CORPUS, "fr/identification.md"), "utf8");

describe("corpus loading", () => {
  it("parses front matter and body of every fixture document", async () => {
    const docs = await loadCorpus(FIXTURE_CORPUS);
    expect(docs.map((d) => d.id).sort()).toEqual(["identification-en", "identification-fr", "time-off-work-en", "time-off-work-fr"]);
    expect(docs[0]!.source_url).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\//);
  });

  it.each([
    ["a missing field", good.replace(/^title: .*\n/m, ""), "title"],
    ["a source outside the official domains", good.replace(/source_url: .*/, "source_url: https://example.com/vote"), "source_url"],
    ["a bad date", good.replace(/verified_at: .*/, "verified_at: yesterday"), "verified_at"],
    ["an unknown topic", good.replace(/topics: .*/, "topics: [weather]"), "topics"],
    ["an id that does not match the file", good.replace(/^id: .*/m, "id: other-fr"), "id"],
    ["a wrong translation id", good.replace(/translation: .*/, "translation: identification-de"), "translation"],
  ])("rejects a document with %s, naming the file and the field", (_label, text, field) => {
    expect(() => parseDocument("corpus/fr/identification.md", text)).toThrow(new RegExp(`corpus/fr/identification\\.md: ${field}`));
  });

  it("checks source URLs against the configured allowlist", () => {
    const text = good.replace(/source_url: .*/, "source_url: https://www.elections.quebec/comprendre/");
    expect(parseDocument("corpus/fr/identification.md", text, ["elections.quebec"]).source_url).toBe("https://www.elections.quebec/comprendre/");
    expect(() => parseDocument("corpus/fr/identification.md", good, ["elections.quebec"])).toThrow(/identification\.md: source_url: must be a page on an allowlisted official domain \(elections\.quebec\)/);
  });

  it("rejects a document with no front matter at all", () => {
    expect(() => parseDocument("corpus/fr/x.md", "# Title\n\nSome body text that is long enough to count.")).toThrow(/x\.md: front matter: is missing/);
  });

  it("gives a new corpus version when any byte of content changes", async () => {
    const docs = await loadCorpus(FIXTURE_CORPUS);
    const v1 = corpusVersion(docs);
    expect(corpusVersion([...docs].reverse())).toBe(v1);
    const edited = docs.map((d, i) => (i === 0 ? { ...d, verified_at: "2026-11-23" } : d));
    expect(corpusVersion(edited)).not.toBe(v1);
  });

  it("fails on a corpus directory holding a broken document", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "corpus-"));
    await mkdir(path.join(dir, "fr"));
    await writeFile(path.join(dir, "fr", "identification.md"), good.replace(/lang: fr/, "lang: de"));
    await expect(loadCorpus(dir)).rejects.toThrow(/identification\.md: lang/);
  });
});

describe("chunking", () => {
  it("splits by section, keeps headings, and gives stable ids", async () => {
    const docs = await loadCorpus(FIXTURE_CORPUS);
    const a = await chunkDocuments(docs);
    const b = await chunkDocuments(docs);
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
    const list = a.find((c) => c.heading === "Les cinq pièces acceptées")!;
    expect(list.text).toContain("passeport canadien");
    expect(list.url).toBe(docs.find((d) => d.id === "identification-fr")!.source_url);
  });

  it("splits a section longer than the chunk size without losing text", async () => {
    const docs = await loadCorpus(FIXTURE_CORPUS);
    const chunks = await chunkDocuments(docs, 120);
    const ids = chunks.filter((c) => c.docId === "time-off-work-en").map((c) => c.text).join(" ");
    expect(ids).toContain("Meal time is not counted");
    expect(chunks.every((c) => c.text.length <= 120)).toBe(true);
  });
});
