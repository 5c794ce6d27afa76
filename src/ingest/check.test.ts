import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { docText, writeFullCorpus } from "../../tests/support/corpus.js";
import { checkCorpus, emptySections, pairIssues, type CheckInput } from "./check.js";
import { runCheck } from "./check-run.js";
import { REQUIRED_TOPICS } from "./coverage.js";
import { DEFAULT_OFFICIAL_DOMAINS, type CorpusDocument } from "./document.js";
import { parseDocument } from "./load.js";
import { corpusVersion } from "./version.js";

const TODAY = "2026-11-23";

/** A complete corpus as check input: one fr/en pair per required topic, its version recorded. */
function fullInput(edit: (files: CheckInput["files"]) => CheckInput["files"] = (f) => f): CheckInput {
  const files = edit(
    REQUIRED_TOPICS.flatMap((t) => (["fr", "en"] as const).map((lang) => ({ path: `corpus/${lang}/${t}.md`, text: docText(t, lang, [t]) }))),
  );
  let version = "c-0000000000000000";
  try {
    version = corpusVersion(files.map((f) => parseDocument(f.path, f.text)));
  } catch {
    // A case with a broken document: no version can be computed, as in the real check.
  }
  return {
    files,
    drafts: [],
    changelog: [{ version, date: TODAY, summary: "Test corpus", added: [], changed: [], removed: [] }],
    history: { [version]: {} },
    domains: DEFAULT_OFFICIAL_DOMAINS,
    today: TODAY,
    maxAgeDays: 365,
  };
}

const replace = (file: string, from: RegExp | string, to: string) => (files: CheckInput["files"]) =>
  files.map((f) => (f.path === file ? { ...f, text: f.text.replace(from, to) } : f));

const errors = (input: CheckInput) => checkCorpus(input).issues.filter((i) => i.level === "error");
const warnings = (input: CheckInput) => checkCorpus(input).issues.filter((i) => i.level === "warning");

describe("corpus check", () => {
  it("passes a complete, recorded corpus and counts every topic in both languages", () => {
    const report = checkCorpus(fullInput());
    expect(report.issues).toEqual([]);
    expect(report.documents).toBe(REQUIRED_TOPICS.length * 2);
    const row = report.coverage.find((r) => r.topic === "identification")!;
    expect([row.fr, row.en]).toEqual([1, 1]);
    expect(report.coverage.find((r) => r.topic === "contact")).toMatchObject({ fr: 0, en: 0, context: null });
  });

  it.each([
    ["invalid front matter", replace("corpus/fr/ballot.md", /verified_at: .*/, "verified_at: hier"), "corpus/fr/ballot.md", /verified_at: must be a date/],
    ["a source outside the allowlist", replace("corpus/en/ballot.md", /source_url: .*/, "source_url: https://www.example.com/vote"), "corpus/en/ballot.md", /source_url: must be a page on an allowlisted official domain/],
    ["an empty section", replace("corpus/fr/results.md", "## Première question\n", "## Première question\n\n## Section vide\n\n## Autre\nDu texte.\n"), "corpus/fr/results.md", /section "Section vide" is empty/],
    ["a verification date in the future", replace("corpus/en/results.md", /verified_at: .*/, "verified_at: 2027-01-01"), "corpus/en/results.md", /verified_at: 2027-01-01 is in the future/],
    ["an unreviewed draft moved into the corpus", (f: CheckInput["files"]) => f.map((x) => (x.path === "corpus/fr/ballot.md" ? { ...x, text: x.text.replace("---\n", "---\ndraft:\n  ingested_from: x.html\n") } : x)), "corpus/fr/ballot.md", /draft: this is an unreviewed draft/],
  ])("reports %s as an error naming the file", (_label, edit, where, message) => {
    const found = errors(fullInput(edit));
    expect(found).toContainEqual(expect.objectContaining({ where, message: expect.stringMatching(message) }));
  });

  it("reports a document whose translation is missing", () => {
    const input = fullInput((files) => files.filter((f) => f.path !== "corpus/en/ballot.md"));
    expect(errors(input)).toContainEqual(expect.objectContaining({ where: "corpus/fr/ballot.md", message: 'translation: "ballot-en" does not exist: write corpus/en/ballot.md' }));
  });

  it("reports a required topic missing in one language, naming the CONTEXT.md topic", () => {
    const input = fullInput(replace("corpus/en/results.md", /topics: .*/, "topics: [contact]"));
    expect(errors(input)).toContainEqual({ level: "error", where: "coverage", message: 'topic "results" has no en document (CONTEXT.md: results)' });
  });

  it("reports a corpus version missing from the changelog, with the command that records it", () => {
    const input = { ...fullInput(), changelog: [] };
    const [issue] = errors(input);
    expect(issue!.message).toMatch(/^corpus version c-[0-9a-f]{16} is not in the changelog: record it with {2}npm run corpus -- changelog --summary/);
  });

  it("reports an unreadable changelog as an error", () => {
    expect(errors({ ...fullInput(), changelog: new Error("corpus/changelog.json: is not valid JSON") })).toContainEqual(
      expect.objectContaining({ where: "changelog", message: "corpus/changelog.json: is not valid JSON" }),
    );
  });

  it("checks source URLs against the configured allowlist, not the default one", () => {
    const input = { ...fullInput(), domains: ["elections.quebec"] };
    expect(errors(input).filter((e) => /source_url/.test(e.message))).toHaveLength(REQUIRED_TOPICS.length * 2);
  });

  it("warns, without failing, about facts verified longer ago than the maximum age, and about drafts", () => {
    const input = { ...fullInput(replace("corpus/fr/ballot.md", /verified_at: .*/, "verified_at: 2025-10-01")), drafts: ["corpus/drafts/fr/x.md"] };
    const recorded = corpusVersion(input.files.map((f) => parseDocument(f.path, f.text)));
    const ok = { ...input, changelog: [{ version: recorded, date: TODAY, summary: "s", added: [], changed: [], removed: [] }], history: { [recorded]: {} } };
    expect(errors(ok)).toEqual([]);
    expect(warnings(ok).map((w) => w.message)).toEqual([
      "verified_at: 2025-10-01 is 418 days old (over 365): check the facts against the source again and update verified_at",
      "1 draft(s) waiting for review, not served: corpus/drafts/fr/x.md",
    ]);
    expect(warnings({ ...ok, maxAgeDays: 500 })).toHaveLength(1);
  });

  it("warns when a translation pair differs in topics, scope or number of sections", () => {
    const input = fullInput(replace("corpus/en/ballot.md", "## First question\n", "## First question\nText.\n\n## Extra question\n"));
    expect(warnings(input).map((w) => w.message)).toContainEqual(expect.stringMatching(/differs from its translation corpus\/en\/ballot\.md: 1 vs 2 sections/));
  });
});

describe("translation pairs and ids", () => {
  const doc = (id: string, translation: string): CorpusDocument => {
    const lang = id.endsWith("-fr") ? "fr" : "en";
    return { ...parseDocument(`corpus/${lang}/${id.slice(0, -3)}.md`, docText(id.slice(0, -3), lang, ["ballot"])), id, translation };
  };

  it("reports duplicate ids", () => {
    const issues = pairIssues([doc("a-fr", "a-en"), doc("a-fr", "a-en"), doc("a-en", "a-fr")]);
    expect(issues).toContainEqual(expect.objectContaining({ level: "error", message: expect.stringMatching(/^id "a-fr" is also used by/) }));
  });

  it("reports translations that do not point back at each other", () => {
    const issues = pairIssues([doc("a-fr", "a-en"), doc("a-en", "b-fr"), doc("b-fr", "b-en"), doc("b-en", "b-fr")]);
    expect(issues.map((i) => `${i.level} ${i.where}: ${i.message}`)).toEqual([
      'error corpus/fr/a.md: translation: "a-en" points to "b-fr", not back to "a-fr"',
      'error corpus/en/a.md: translation: "b-fr" points to "b-en", not back to "a-en"',
    ]);
  });
});

describe("empty sections", () => {
  it("finds headings with nothing under them before the next heading of the same level", () => {
    expect(emptySections("# T\n\nIntro.\n\n## A\nText.\n\n## B\n\n## C\n### C1\nText.\n\n## D\n")).toEqual(["B", "D"]);
  });

  it("finds a heading without a title, and takes #word for text, not a heading", () => {
    expect(emptySections("## \nText.")).toEqual(["(heading without a title)"]);
    expect(emptySections("## A\n#Élections2026 on social media\n\n## B\nText.")).toEqual([]);
  });
});

describe("check on disk", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "corpus-check-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads documents, drafts and the changelog from a corpus directory", async () => {
    await writeFullCorpus(dir);
    await mkdir(path.join(dir, "drafts", "fr"), { recursive: true });
    await writeFile(path.join(dir, "drafts", "fr", "new.md"), "draft");
    await writeFile(path.join(dir, "changelog.json"), "[not json");
    const report = await runCheck(dir, { domains: DEFAULT_OFFICIAL_DOMAINS, today: TODAY, maxAgeDays: 365 });
    expect(report.documents).toBe(REQUIRED_TOPICS.length * 2);
    expect(report.issues.map((i) => `${i.level} ${i.message}`)).toEqual([
      expect.stringMatching(/^error .*changelog\.json: is not valid JSON/),
      `warning 1 draft(s) waiting for review, not served: ${path.join(dir, "drafts", "fr", "new.md")}`,
    ]);
  });

  it("fails on a directory with no documents", async () => {
    const report = await runCheck(dir, { domains: DEFAULT_OFFICIAL_DOMAINS, today: TODAY, maxAgeDays: 365 });
    expect(report.issues).toContainEqual({ level: "error", where: "corpus", message: "has no documents under fr/ or en/" });
  });
});
