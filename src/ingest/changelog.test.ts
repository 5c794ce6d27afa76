import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { docText, writeFullCorpus } from "../../tests/support/corpus.js";
import { CHANGELOG_FILE, ChangelogError, diffVersions, readChangelog, readVersionHistory, VERSIONS_FILE } from "./changelog.js";
import { runCli } from "./commands.js";
import { loadCorpus } from "./load.js";
import { corpusVersion } from "./version.js";

let corpus: string;
let out: string[];
let err: string[];
const cli = (...args: string[]) =>
  runCli([...args, "--corpus", corpus], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l), now: new Date("2026-11-23T15:00:00Z") });

beforeEach(async () => {
  corpus = await mkdtemp(path.join(tmpdir(), "corpus-changelog-"));
  out = [];
  err = [];
  await writeFullCorpus(corpus);
});
afterEach(() => rm(corpus, { recursive: true, force: true }));

describe("corpus changelog", () => {
  it("is empty when the corpus has none yet", async () => {
    expect(await readChangelog(corpus)).toEqual([]);
    expect(await readVersionHistory(corpus)).toEqual({});
  });

  it("records a first version with every document added, then each edit as added, changed or removed", async () => {
    expect(await cli("changelog", "--summary", "Initial corpus")).toBe(0);
    const docs = await loadCorpus(corpus);
    let log = await readChangelog(corpus);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ version: corpusVersion(docs), date: "2026-11-23", summary: "Initial corpus", changed: [], removed: [] });
    expect(log[0]!.added).toEqual(docs.map((d) => d.id).sort());

    await writeFile(path.join(corpus, "fr", "ballot.md"), docText("ballot", "fr", ["ballot"], { verified_at: "2026-11-20" }));
    await unlink(path.join(corpus, "en", "results.md"));
    await writeFile(path.join(corpus, "en", "contact.md"), docText("contact", "en", ["contact"]));
    expect(await cli("changelog", "--summary", "Ballot re-verified; contact page added", "--date", "2026-11-24")).toBe(0);
    log = await readChangelog(corpus);
    expect(log.map((e) => e.summary)).toEqual(["Ballot re-verified; contact page added", "Initial corpus"]);
    expect(log[0]).toMatchObject({ date: "2026-11-24", added: ["contact-en"], changed: ["ballot-fr"], removed: ["results-en"] });
    expect(out.at(-1)).toMatch(/^Recorded c-[0-9a-f]{16} {2}2026-11-24 {2}Ballot re-verified; contact page added\n {4}added \(1\): contact-en\n {4}changed \(1\): ballot-fr\n {4}removed \(1\): results-en$/);
  });

  it("keeps the version history reviewable in git: newest first, one document per line", async () => {
    await cli("changelog", "--summary", "Initial corpus");
    const text = await readFile(path.join(corpus, VERSIONS_FILE), "utf8");
    const version = (await readChangelog(corpus))[0]!.version;
    expect(text.split("\n").slice(0, 3)).toEqual(["{", `  "${version}": {`, expect.stringMatching(/^ {4}"accessibility-en": "[0-9a-f]{16}",$/)]);
  });

  it("refuses to record a version twice, or with an empty summary", async () => {
    expect(await cli("changelog", "--summary", "Initial corpus")).toBe(0);
    expect(await cli("changelog", "--summary", "Again")).toBe(1);
    expect(err.at(-1)).toMatch(/^version c-[0-9a-f]{16} is already recorded \(2026-11-23: "Initial corpus"\); nothing to do$/);
    await writeFile(path.join(corpus, "fr", "ballot.md"), docText("ballot", "fr", ["ballot"], { verified_at: "2026-11-20" }));
    expect(await cli("changelog", "--summary", "  ")).toBe(1);
    expect(err.at(-1)).toBe("the summary is empty: say in a sentence what changed for voters");
    expect(await readChangelog(corpus)).toHaveLength(1);
  });

  it("makes the check pass once the current version is recorded", async () => {
    expect(await cli("check")).toBe(1);
    expect(out.join("\n")).toContain('is not in the changelog: record it with  npm run corpus -- changelog --summary "<what changed, in a sentence>"');
    await cli("changelog", "--summary", "Initial corpus");
    out = [];
    expect(await cli("check")).toBe(0);
    expect(out.join("\n")).toMatch(/✓ corpus check passed: 0 error\(s\), 0 warning\(s\)$/);
  });

  it("shows the history and whether the current version is recorded", async () => {
    expect(await cli("changelog")).toBe(0);
    expect(out[0]).toMatch(/^Current corpus version: c-[0-9a-f]{16} \(NOT recorded: npm run corpus -- changelog --summary "…"\)$/);
  });

  it("rejects a changelog file that is not valid, naming the file and the field", async () => {
    await writeFile(path.join(corpus, CHANGELOG_FILE), JSON.stringify([{ version: "v1", date: "2026-11-23", summary: "x", added: [], changed: [], removed: [] }]));
    await expect(readChangelog(corpus)).rejects.toThrow(new ChangelogError(`${path.join(corpus, CHANGELOG_FILE)}: 0.version: Invalid string: must match pattern /^c-[0-9a-f]{16}$/`));
    expect(await cli("changelog", "--summary", "x")).toBe(1);
  });

  it("cannot compute a diff when the previous version's hashes are lost", async () => {
    await cli("changelog", "--summary", "Initial corpus");
    await writeFile(path.join(corpus, VERSIONS_FILE), "{}\n");
    await writeFile(path.join(corpus, "fr", "ballot.md"), docText("ballot", "fr", ["ballot"], { verified_at: "2026-11-20" }));
    expect(await cli("changelog", "--summary", "Edit")).toBe(1);
    expect(err.at(-1)).toMatch(/versions\.json has no document hashes for the last recorded version c-[0-9a-f]{16}: restore the file from git/);
  });
});

describe("version diff", () => {
  it("sorts ids and separates added, changed and removed documents", () => {
    expect(diffVersions({ a: "1", b: "2", c: "3" }, { d: "4", b: "9", a: "1" })).toEqual({ added: ["d"], changed: ["b"], removed: ["c"] });
  });
});
