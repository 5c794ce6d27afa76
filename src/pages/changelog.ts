import { stat } from "node:fs/promises";
import path from "node:path";
import type { ChangelogEntry } from "../ingest/changelog-entry.js";
import { CHANGELOG_FILE, ChangelogError, readChangelog } from "../ingest/changelog.js";

export type ChangelogState = { status: "absent" } | { status: "ok"; entries: ChangelogEntry[] } | { status: "invalid"; error: string };

/**
 * The corpus version history shown on /transparency: corpus/changelog.json (newest first),
 * read by the corpus tools' own reader. A corpus without one is normal; an unreadable one is
 * reported on the page rather than hidden.
 */
export async function loadChangelog(corpusDir: string): Promise<ChangelogState> {
  try {
    await stat(path.join(corpusDir, CHANGELOG_FILE));
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return { status: "absent" };
    return { status: "invalid", error: err instanceof Error ? err.message : String(err) };
  }
  try {
    return { status: "ok", entries: await readChangelog(corpusDir) };
  } catch (err) {
    if (err instanceof ChangelogError) return { status: "invalid", error: err.message.replace(path.join(corpusDir, CHANGELOG_FILE), CHANGELOG_FILE) };
    return { status: "invalid", error: err instanceof Error ? err.message : String(err) };
  }
}
