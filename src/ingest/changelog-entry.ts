import { z } from "zod";

/**
 * One entry of the corpus changelog: what changed from the previous corpus version, in
 * words a voter or an auditor can read. Shown on the transparency page; the version is
 * the content hash recorded with every logged turn.
 */
export const ChangelogEntrySchema = z.strictObject({
  version: z.string().regex(/^c-[0-9a-f]{16}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  summary: z.string().min(1),
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
});
export type ChangelogEntry = z.infer<typeof ChangelogEntrySchema>;
