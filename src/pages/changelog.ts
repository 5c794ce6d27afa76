import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ChangelogEntrySchema, type ChangelogEntry } from "../ingest/changelog-entry.js";

export type ChangelogState = { status: "absent" } | { status: "ok"; entries: ChangelogEntry[] } | { status: "invalid"; error: string };

/**
 * The corpus version history shown on /transparency: corpus/changelog.json (newest first),
 * parsed through the shared schema. A corpus without one is normal; an unreadable one is
 * reported on the page rather than hidden. Once `readChangelog` lands in src/ingest, this
 * delegates to it.
 */
export async function loadChangelog(corpusDir: string): Promise<ChangelogState> {
  let text: string;
  try {
    text = await readFile(path.join(corpusDir, "changelog.json"), "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return { status: "absent" };
    return { status: "invalid", error: err instanceof Error ? err.message : String(err) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: "invalid", error: "changelog.json is not valid JSON" };
  }
  const r = z.array(ChangelogEntrySchema).safeParse(json);
  if (!r.success) return { status: "invalid", error: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { status: "ok", entries: r.data };
}
