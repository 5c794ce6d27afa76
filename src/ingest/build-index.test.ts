import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CORPUS } from "../../tests/support/runtime.js";
import { loadIndex } from "./build-index.js";
import { HashingEmbeddings } from "./embed.js";

describe("index cache", () => {
  it("builds once, reuses the cache, and rebuilds when the corpus changes", async () => {
    const corpusDir = await mkdtemp(path.join(tmpdir(), "corpus-"));
    await cp(FIXTURE_CORPUS, corpusDir, { recursive: true });
    const dataDir = await mkdtemp(path.join(tmpdir(), "data-"));
    const opts = { corpusDir, dataDir, embeddings: new HashingEmbeddings(), embedderId: HashingEmbeddings.id };

    const first = await loadIndex(opts);
    expect(first.built).toBe(true);
    const second = await loadIndex(opts);
    expect(second.built).toBe(false);
    expect(second.corpusVersion).toBe(first.corpusVersion);
    const q = "Does my employer have to give me time to vote?";
    expect((await second.retriever.retrieve(q, "en", 3)).hits.map((h) => h.chunk.id)).toEqual((await first.retriever.retrieve(q, "en", 3)).hits.map((h) => h.chunk.id));

    const file = path.join(corpusDir, "en", "time-off-work.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("Meal time is not counted", "Meal breaks are not counted"));
    const third = await loadIndex(opts);
    expect(third.built).toBe(true);
    expect(third.corpusVersion).not.toBe(first.corpusVersion);
    expect(third.chunks.some((c) => c.text.includes("Meal breaks are not counted"))).toBe(true);
  });
});
