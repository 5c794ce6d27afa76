import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { SqlExecutor } from "../adapters/sql.js";
import { canonicalJson } from "./chain.js";
import { checkpointValid, type Checkpoint, type SourcedCheckpoint } from "./checkpoint.js";
import { EventTypeSchema, type StoredEvent } from "./event.js";
import { BUNDLE_FORMAT, ExportRowSchema, ManifestSchema, writeBundle, type ExportOptions, type Manifest } from "./export.js";
import { JwkSetSchema, KeyRing } from "./keyring.js";
import { verifyChain, type Issue, type VerifyReport } from "./verify.js";
import type { Signer } from "../seal/sign.js";

type WriteOpts = ExportOptions & { signer: Signer; head: Checkpoint; keys: unknown[]; now: Date };

/** Writes a bundle to `out`: a directory, or one NDJSON file when `out` ends in .ndjson. */
export async function exportTo(db: SqlExecutor, out: string, opts: WriteOpts): Promise<Manifest> {
  return out.endsWith(".ndjson") ? exportToNdjsonFile(db, out, opts) : exportToDir(db, out, opts);
}

async function exportToDir(db: SqlExecutor, dir: string, opts: WriteOpts): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length > 0) throw new Error(`${dir} is not empty: an export never overwrites files`);
  const events = await BufferedFile.create(path.join(dir, "events.jsonl"));
  try {
    const manifest = await writeBundle(db, opts, {
      keys: (_jwks, text) => writeFile(path.join(dir, "keys.json"), text, { flag: "wx" }),
      event: (line) => events.write(`${line}\n`),
    });
    await events.close();
    await writeFile(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, { flag: "wx" });
    return manifest;
  } finally {
    await events.close();
  }
}

async function exportToNdjsonFile(db: SqlExecutor, file: string, opts: WriteOpts): Promise<Manifest> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = await BufferedFile.create(file);
  try {
    const manifest = await writeBundle(db, opts, {
      keys: (jwks) => out.write(`${ndjsonFirstLine(jwks)}\n`),
      event: (line) => out.write(`${line}\n`),
    });
    await out.write(`${canonicalJson({ manifest })}\n`);
    return manifest;
  } finally {
    await out.close();
  }
}

export function ndjsonFirstLine(jwks: unknown[]): string {
  return canonicalJson({ format: BUNDLE_FORMAT, keys: { keys: jwks } });
}

/** Appends in 64 KB writes, refusing to overwrite an existing file. */
class BufferedFile {
  private chunks: string[] = [];
  private size = 0;
  private closed = false;
  private constructor(private readonly fh: Awaited<ReturnType<typeof open>>) {}
  static async create(file: string): Promise<BufferedFile> {
    return new BufferedFile(await open(file, "wx"));
  }
  async write(s: string): Promise<void> {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= 65_536) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    await this.fh.write(text);
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.fh.close();
  }
}

export class BundleError extends Error {
  override readonly name = "BundleError";
}

interface OpenedBundle {
  form: "directory" | "ndjson";
  manifest: Manifest;
  keysText: string;
  keys: unknown[];
  /** Lines of events.jsonl; `eventsSha256()` is valid once they have been read. */
  lines: () => AsyncGenerator<{ line: string; n: number }>;
  eventsSha256: () => string;
}

/** Opens a bundle directory or NDJSON file; a missing or malformed manifest is a BundleError. */
export async function openBundle(p: string): Promise<OpenedBundle> {
  const info = await stat(p).catch(() => null);
  if (!info) throw new BundleError(`${p} does not exist`);
  return info.isDirectory() ? openDir(p) : openNdjson(p);
}

function parseManifest(raw: unknown, where: string): Manifest {
  const r = ManifestSchema.safeParse(raw);
  if (!r.success) throw new BundleError(`${where}: not a Scrutin audit manifest (${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 3).join("; ")})`);
  return r.data;
}

function parseKeys(text: string, where: string): unknown[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BundleError(`${where}: not JSON`);
  }
  const r = JwkSetSchema.safeParse(raw);
  if (!r.success) throw new BundleError(`${where}: not a JWK set`);
  return r.data.keys;
}

async function openDir(dir: string): Promise<OpenedBundle> {
  const read = async (name: string) => {
    try {
      return await readFile(path.join(dir, name), "utf8");
    } catch {
      throw new BundleError(`${path.join(dir, name)} is missing`);
    }
  };
  const manifestText = await read("manifest.json");
  let manifestRaw: unknown;
  try {
    manifestRaw = JSON.parse(manifestText);
  } catch {
    throw new BundleError(`${dir}/manifest.json: not JSON`);
  }
  const manifest = parseManifest(manifestRaw, `${dir}/manifest.json`);
  const keysText = await read("keys.json");
  const eventsFile = path.join(dir, "events.jsonl");
  if (!(await stat(eventsFile).catch(() => null))) throw new BundleError(`${eventsFile} is missing`);
  const hash = createHash("sha256");
  return {
    form: "directory",
    manifest,
    keysText,
    keys: parseKeys(keysText, `${dir}/keys.json`),
    async *lines() {
      const stream = createReadStream(eventsFile);
      stream.on("data", (chunk) => hash.update(chunk));
      let n = 0;
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        n += 1;
        if (line !== "") yield { line, n };
      }
    },
    eventsSha256: () => hash.digest("hex"),
  };
}

async function openNdjson(file: string): Promise<OpenedBundle> {
  // The manifest is the last line: read it first, then stream the events.
  let first: string | null = null;
  let lastLine: string | null = null;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === "") continue;
    first ??= line;
    lastLine = line;
  }
  if (!first || !lastLine || first === lastLine) throw new BundleError(`${file}: not a Scrutin audit bundle (too short)`);
  let head: unknown;
  let tail: unknown;
  try {
    head = JSON.parse(first);
    tail = JSON.parse(lastLine);
  } catch {
    throw new BundleError(`${file}: first or last line is not JSON`);
  }
  if (typeof head !== "object" || head === null || !("format" in head) || head.format !== BUNDLE_FORMAT || !("keys" in head)) {
    throw new BundleError(`${file}: first line is not a ${BUNDLE_FORMAT} header`);
  }
  if (typeof tail !== "object" || tail === null || !("manifest" in tail)) throw new BundleError(`${file}: last line holds no manifest`);
  const manifest = parseManifest(tail.manifest, `${file} (manifest line)`);
  const keysText = `${canonicalJson(head.keys)}\n`;
  const hash = createHash("sha256");
  return {
    form: "ndjson",
    manifest,
    keysText,
    keys: parseKeys(keysText, `${file} (keys)`),
    async *lines() {
      let n = 0;
      let pendingLine: { line: string; n: number } | null = null;
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        n += 1;
        if (n === 1 || line === "") continue;
        // Hold one line back: the last one is the manifest, not an event.
        if (pendingLine) {
          hash.update(`${pendingLine.line}\n`, "utf8");
          yield pendingLine;
        }
        pendingLine = { line, n };
      }
    },
    eventsSha256: () => hash.digest("hex"),
  };
}

export interface ExportReport extends VerifyReport {
  form: "directory" | "ndjson";
  manifest: Pick<Manifest, "createdAt" | "range" | "counts" | "tool"> & { withdrawn: number; withheld: number };
  bundleProblems: string[];
}

/**
 * Verifies a bundle offline: file hashes, the manifest's signature, the chain over its
 * rows from the manifest's firstPrevHash, every turn signature, the bundle's own
 * checkpoints, and any checkpoints the auditor kept from earlier (which reveal a chain that
 * has since become shorter or different). No database, no server.
 */
export async function verifyExport(p: string, opts: { pinnedKeys?: readonly unknown[]; kept?: readonly SourcedCheckpoint[] } = {}): Promise<ExportReport> {
  const b = await openBundle(p);
  const m = b.manifest;
  const problems: string[] = [];
  const pinned = opts.pinnedKeys !== undefined;
  const ring = new KeyRing();
  const extraIssues: Issue[] = [];

  const checkpoints: SourcedCheckpoint[] = [{ checkpoint: m.checkpoint, source: "manifest checkpoint" }];
  if (m.head.seq <= m.range.lastSeq) checkpoints.push({ checkpoint: m.head, source: "manifest head" });
  for (const k of opts.kept ?? []) {
    if (k.checkpoint.seq <= m.range.lastSeq) checkpoints.push(k);
    else if (k.checkpoint.seq > m.head.seq) {
      extraIssues.push({
        seq: m.head.seq + 1,
        kind: "truncated",
        message: `the chain head at export time was row ${m.head.seq}, but a checkpoint you kept (${k.source}, signed at ${k.checkpoint.createdAt}) records row ${k.checkpoint.seq}: rows ${m.head.seq + 1}–${k.checkpoint.seq} were removed`,
      });
    } else problems.push(`note: kept checkpoint for row ${k.checkpoint.seq} lies after this bundle's range (it ends at row ${m.range.lastSeq}); not checked`);
  }

  const takedownTurns = new Set<string>();
  const turnSeqs = new Map<string, number>();
  async function* rows(): AsyncGenerator<StoredEvent> {
    for await (const { line, n } of b.lines()) {
      const row = parseRow(line);
      if (!row) {
        problems.push(`events line ${n} is not a stored row`);
        continue;
      }
      if (row.type === "takedown" && row.turnId) takedownTurns.add(row.turnId);
      if (row.type === "turn" && row.turnId) turnSeqs.set(row.turnId, row.seq);
      yield row;
    }
  }

  const report = await verifyChain(
    rows(),
    {
      start: { seq: m.range.firstSeq, prevHash: m.range.firstPrevHash },
      keys: opts.pinnedKeys ?? (m.range.complete ? [] : b.keys),
      trustAnnounced: !pinned,
      checkpoints,
      withheld: new Set(m.withheld),
      requirePurgeRecords: m.range.complete && m.range.endsAtHead,
    },
    ring,
  );

  const eventsHash = b.eventsSha256();
  if (eventsHash !== m.files["events.jsonl"].sha256) problems.push(`events.jsonl SHA-256 ${eventsHash} differs from the manifest's ${m.files["events.jsonl"].sha256}`);
  const keysHash = createHash("sha256").update(b.keysText, "utf8").digest("hex");
  if (keysHash !== m.files["keys.json"].sha256) problems.push(`keys.json SHA-256 differs from the manifest's`);
  const { signature, ...unsigned } = m;
  if (!(await ring.verify(signature.keyId, canonicalJson(unsigned), signature.value))) problems.push(`the manifest's signature does not verify with a trusted key (${signature.keyId})`);
  if (!(await checkpointValid(m.head, ring))) problems.push("the manifest's head checkpoint has no valid signature");
  if (report.range.firstSeq !== m.range.firstSeq || report.range.lastSeq !== m.range.lastSeq) {
    problems.push(`the bundle holds rows ${report.range.firstSeq ?? "none"}–${report.range.lastSeq ?? "none"}, the manifest says ${m.range.firstSeq}–${m.range.lastSeq}`);
  }
  if (report.head.hash !== m.range.lastHash) problems.push("the last row's hash differs from the manifest's lastHash");
  if (report.counts.events !== m.counts.events || report.counts.turns !== m.counts.turns) {
    problems.push(`counts differ from the manifest: ${report.counts.events} events / ${report.counts.turns} turns, manifest ${m.counts.events} / ${m.counts.turns}`);
  }
  const listed = new Set(m.withdrawn.map((w) => w.turnId));
  for (const t of takedownTurns) if (turnSeqs.has(t) && !listed.has(t)) problems.push(`turn ${t} (row ${turnSeqs.get(t)}) is taken down in the bundle but not listed as withdrawn`);

  const issues = [...report.issues, ...extraIssues].sort((a, z) => a.seq - z.seq);
  const failures = problems.filter((p) => !p.startsWith("note:"));
  return {
    ...report,
    issues,
    issueCount: report.issueCount + extraIssues.length,
    firstBad: issues[0] ?? null,
    ok: report.ok && extraIssues.length === 0 && failures.length === 0,
    form: b.form,
    manifest: { createdAt: m.createdAt, range: m.range, counts: m.counts, tool: m.tool, withdrawn: m.withdrawn.length, withheld: m.withheld.length },
    bundleProblems: problems,
  };
}

function parseRow(line: string): StoredEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const r = ExportRowSchema.safeParse(raw);
  if (!r.success) return null;
  const type = EventTypeSchema.safeParse(r.data.type);
  if (!type.success) return null;
  return { ...r.data, type: type.data };
}
