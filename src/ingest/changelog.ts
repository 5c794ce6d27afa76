import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ChangelogEntrySchema, type ChangelogEntry } from "./changelog-entry.js";
import type { CorpusDocument } from "./document.js";
import { corpusVersion, documentHashes } from "./version.js";
import { writeFilesAtomically } from "./write-atomic.js";

/** The human-readable history of corpus versions, newest first (shown on /transparency). */
export const CHANGELOG_FILE = "changelog.json";
/** Each recorded version's per-document content hashes, newest first: what the next diff compares with. */
export const VERSIONS_FILE = "versions.json";

const VersionSchema = z.string().regex(/^c-[0-9a-f]{16}$/, "must be a corpus version c-<16 hex>");
export const VersionHistorySchema = z.record(VersionSchema, z.record(z.string(), z.string().regex(/^[0-9a-f]{16}$/)));
export type VersionHistory = z.infer<typeof VersionHistorySchema>;

export class ChangelogError extends Error {
  override readonly name = "ChangelogError";
}

/** Reads corpus/changelog.json (zod-validated); an absent file is an empty history. */
export async function readChangelog(corpusDir: string): Promise<ChangelogEntry[]> {
  return readJson(path.join(corpusDir, CHANGELOG_FILE), z.array(ChangelogEntrySchema), []);
}

/** Reads corpus/versions.json (zod-validated); an absent file is an empty history. */
export async function readVersionHistory(corpusDir: string): Promise<VersionHistory> {
  return readJson(path.join(corpusDir, VERSIONS_FILE), VersionHistorySchema, {});
}

async function readJson<T>(file: string, schema: z.ZodType<T>, absent: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return absent;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ChangelogError(`${file}: is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ChangelogError(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

export interface Diff {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Which documents appeared, changed or disappeared between two sets of document hashes. */
export function diffVersions(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): Diff {
  const ids = (o: Readonly<Record<string, string>>) => Object.keys(o).sort();
  return {
    added: ids(after).filter((id) => !(id in before)),
    changed: ids(after).filter((id) => id in before && before[id] !== after[id]),
    removed: ids(before).filter((id) => !(id in after)),
  };
}

/**
 * Records the corpus as a new version: the diff against the last recorded version becomes
 * a changelog entry prepended to the history. Pure: the caller writes the result.
 */
export function recordVersion(input: {
  docs: readonly CorpusDocument[];
  changelog: readonly ChangelogEntry[];
  history: Readonly<VersionHistory>;
  summary: string;
  date: string;
}): { entry: ChangelogEntry; changelog: ChangelogEntry[]; history: VersionHistory } {
  const summary = input.summary.trim();
  if (!summary) throw new ChangelogError("the summary is empty: say in a sentence what changed for voters");
  const version = corpusVersion(input.docs);
  const already = input.changelog.find((e) => e.version === version);
  if (already) throw new ChangelogError(`version ${version} is already recorded (${already.date}: "${already.summary}"); nothing to do`);
  const hashes = documentHashes(input.docs);
  const last = input.changelog[0];
  const before = last ? input.history[last.version] : {};
  if (!before) {
    throw new ChangelogError(`${VERSIONS_FILE} has no document hashes for the last recorded version ${last!.version}: restore the file from git`);
  }
  const diff = diffVersions(before, hashes);
  const entry = ChangelogEntrySchema.parse({ version, date: input.date, summary, ...diff });
  return { entry, changelog: [entry, ...input.changelog], history: { [version]: hashes, ...input.history } };
}

/** Writes both files together (all or nothing), formatted one item per line for git diffs. */
export async function writeChangelog(corpusDir: string, changelog: readonly ChangelogEntry[], history: Readonly<VersionHistory>): Promise<void> {
  await writeFilesAtomically(
    [
      { path: path.join(corpusDir, VERSIONS_FILE), text: `${JSON.stringify(history, null, 2)}\n` },
      { path: path.join(corpusDir, CHANGELOG_FILE), text: `${JSON.stringify(changelog, null, 2)}\n` },
    ],
    { overwrite: true },
  );
}
