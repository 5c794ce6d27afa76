import type { ChangelogEntry } from "./changelog-entry.js";
import type { VersionHistory } from "./changelog.js";
import { coverage, REQUIRED_TOPICS, CONTEXT_TOPICS, type CoverageRow } from "./coverage.js";
import type { CorpusDocument } from "./document.js";
import { CorpusError, parseDocument } from "./load.js";
import { daysBetween } from "./today.js";
import { corpusVersion } from "./version.js";

export interface Issue {
  level: "error" | "warning";
  /** The file (or corpus-level thing) the issue is about. */
  where: string;
  message: string;
}

export interface CheckInput {
  /** Every `corpus/fr/*.md` and `corpus/en/*.md`, as read from disk. */
  files: { path: string; text: string }[];
  /** Paths of draft documents waiting for review. */
  drafts: string[];
  /** The changelog and version history, or why they could not be read. */
  changelog: ChangelogEntry[] | Error;
  history: VersionHistory | Error;
  domains: readonly string[];
  today: string;
  maxAgeDays: number;
}

export interface CheckReport {
  issues: Issue[];
  coverage: CoverageRow[];
  documents: number;
  /** The corpus version, when every document parsed. */
  version?: string;
}

export const RECORD_COMMAND = 'npm run corpus -- changelog --summary "<what changed, in a sentence>"';

/** Checks a whole corpus: every rule of the corpus contract, collected rather than stopping at the first. */
export function checkCorpus(input: CheckInput): CheckReport {
  const issues: Issue[] = [];
  const docs: CorpusDocument[] = [];
  for (const f of input.files) {
    try {
      docs.push(parseDocument(f.path, f.text, input.domains));
    } catch (err) {
      if (!(err instanceof CorpusError)) throw err;
      issues.push({ level: "error", where: f.path, message: `${err.field}: ${err.reason}` });
    }
  }
  for (const d of docs) issues.push(...documentIssues(d, input.today, input.maxAgeDays));
  issues.push(...pairIssues(docs), ...coverageIssues(docs));
  if (input.files.length === 0) issues.push({ level: "error", where: "corpus", message: "has no documents under fr/ or en/" });
  const parsedAll = docs.length === input.files.length && docs.length > 0;
  const version = parsedAll ? corpusVersion(docs) : undefined;
  issues.push(...changelogIssues(version, input.changelog, input.history));
  if (input.drafts.length > 0) {
    issues.push({ level: "warning", where: "drafts", message: `${input.drafts.length} draft(s) waiting for review, not served: ${input.drafts.join(", ")}` });
  }
  return { issues, coverage: coverage(docs), documents: docs.length, version };
}

function documentIssues(d: CorpusDocument, today: string, maxAgeDays: number): Issue[] {
  const out: Issue[] = [];
  const err = (message: string) => out.push({ level: "error", where: d.path, message });
  for (const heading of emptySections(d.body)) err(`section "${heading}" is empty: write its text or remove the heading`);
  if (d.verified_at > today) err(`verified_at: ${d.verified_at} is in the future`);
  if (d.source_date > today) err(`source_date: ${d.source_date} is in the future`);
  const age = daysBetween(d.verified_at, today);
  if (age > maxAgeDays) {
    out.push({ level: "warning", where: d.path, message: `verified_at: ${d.verified_at} is ${age} days old (over ${maxAgeDays}): check the facts against the source again and update verified_at` });
  }
  return out;
}

/** Headings with no text under them before the next heading of the same or a higher level. */
export function emptySections(body: string): string[] {
  // An ATX heading needs a space after its #s ("#hashtag" is text); "##" alone is an empty heading.
  const HEADING = /^(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$/;
  const lines = body.split("\n");
  const empty: string[] = [];
  lines.forEach((line, i) => {
    const h = HEADING.exec(line);
    if (!h) return;
    const level = h[1]!.length;
    const title = h[2] ?? "";
    let hasText = false;
    for (const next of lines.slice(i + 1)) {
      const nh = HEADING.exec(next);
      if (nh && nh[1]!.length <= level) break;
      if (next.trim() !== "") {
        hasText = true;
        break;
      }
    }
    if (!hasText || title === "") empty.push(title || "(heading without a title)");
  });
  return empty;
}

/** Ids unique; each document's translation exists, is in the other language and points back. */
export function pairIssues(docs: readonly CorpusDocument[]): Issue[] {
  const out: Issue[] = [];
  const byId = new Map<string, CorpusDocument[]>();
  for (const d of docs) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  for (const [id, same] of byId) {
    if (same.length > 1) out.push({ level: "error", where: same[0]!.path, message: `id "${id}" is also used by ${same.slice(1).map((d) => d.path).join(", ")}` });
  }
  for (const d of docs) {
    const other = byId.get(d.translation)?.[0];
    if (!other) {
      out.push({ level: "error", where: d.path, message: `translation: "${d.translation}" does not exist: write corpus/${d.lang === "fr" ? "en" : "fr"}/${d.slug}.md` });
    } else if (other.lang === d.lang) {
      out.push({ level: "error", where: d.path, message: `translation: "${d.translation}" is in the same language (${d.lang})` });
    } else if (other.translation !== d.id) {
      out.push({ level: "error", where: d.path, message: `translation: "${d.translation}" points to "${other.translation}", not back to "${d.id}"` });
    } else if (d.lang === "fr") {
      const differs = [
        sameSet(d.topics, other.topics) ? null : `topics [${d.topics.join(", ")}] vs [${other.topics.join(", ")}]`,
        d.scope === other.scope ? null : `scope ${d.scope} vs ${other.scope}`,
        sectionCount(d) === sectionCount(other) ? null : `${sectionCount(d)} vs ${sectionCount(other)} sections`,
      ].filter((x) => x !== null);
      if (differs.length > 0) {
        out.push({ level: "warning", where: d.path, message: `differs from its translation ${other.path}: ${differs.join("; ")} (both languages should say the same things)` });
      }
    }
  }
  return out;
}

function coverageIssues(docs: readonly CorpusDocument[]): Issue[] {
  if (docs.length === 0) return [];
  const rows = coverage(docs);
  return REQUIRED_TOPICS.flatMap((topic): Issue[] => {
    const row = rows.find((r) => r.topic === topic)!;
    const missing = (["fr", "en"] as const).filter((lang) => row[lang] === 0);
    if (missing.length === 0) return [];
    return [{ level: "error", where: "coverage", message: `topic "${topic}" has no ${missing.join(" or ")} document (CONTEXT.md: ${CONTEXT_TOPICS[topic]})` }];
  });
}

function changelogIssues(version: string | undefined, changelog: ChangelogEntry[] | Error, history: VersionHistory | Error): Issue[] {
  const out: Issue[] = [];
  if (changelog instanceof Error) out.push({ level: "error", where: "changelog", message: changelog.message });
  if (history instanceof Error) out.push({ level: "error", where: "changelog", message: history.message });
  if (changelog instanceof Error || history instanceof Error || !version) return out;
  if (!changelog.some((e) => e.version === version)) {
    out.push({ level: "error", where: "changelog", message: `corpus version ${version} is not in the changelog: record it with  ${RECORD_COMMAND}` });
  }
  const newest = changelog[0];
  if (newest && !history[newest.version]) {
    out.push({ level: "error", where: "changelog", message: `versions.json has no document hashes for ${newest.version}, the newest changelog entry: restore it from git` });
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function sectionCount(d: CorpusDocument): number {
  return d.body.split("\n").filter((l) => /^##\s/.test(l)).length;
}
