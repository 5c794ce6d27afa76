import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlExecutor } from "../src/adapters/sql.js";
import { runCli } from "../src/audit/cli.js";
import { exportTo, verifyExport } from "../src/log/bundle.js";
import { signCheckpoint, type Checkpoint } from "../src/log/checkpoint.js";
import { exportKeys, ManifestSchema, type ExportOptions, type Manifest } from "../src/log/export.js";
import { createSigner, generatePrivateJwk } from "../src/seal/sign.js";
import { MIXED_QUESTIONS, bearer, chat, token } from "./support/audit.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

let srv: TestServer;
let work: string;
let admin: string;
let withdrawnTurn: string;

beforeAll(async () => {
  srv = await startTestServer();
  work = await mkdtemp(path.join(tmpdir(), "scrutin-export-"));
  admin = await token(srv, "admin");
  for (const q of MIXED_QUESTIONS) await chat(srv, q);
  withdrawnTurn = (await chat(srv, "What ID do I need to show to vote?")).id;
  const res = await fetch(`${srv.url}/api/audit/turns/${withdrawnTurn}/takedown`, { method: "POST", headers: bearer(admin), body: JSON.stringify({ reason: "outdated list of documents" }) });
  expect(res.status).toBe(201);
  for (const q of MIXED_QUESTIONS.slice(0, 3)) await chat(srv, q);
});
afterAll(async () => {
  await srv?.close();
  await rm(work, { recursive: true, force: true });
});

/** Exports as the CLI does, optionally from inside a transaction (to export a tampered store). */
async function exportBundle(out: string, opts: ExportOptions = {}, db: SqlExecutor = srv.runtime.deps.log.db): Promise<Manifest> {
  const audit = srv.runtime.audit;
  const head = db === srv.runtime.deps.log.db ? (await audit.deps.checkpoints.write({ force: true }))! : await signCheckpoint(await srv.runtime.deps.log.head(db), audit.deps.signer, new Date().toISOString());
  return exportTo(db, out, { ...opts, signer: audit.deps.signer, head, keys: await exportKeys(db), now: new Date() });
}

const quiet = { out: () => {}, err: () => {} };

describe("export bundles verified offline", () => {
  it("writes a directory and an NDJSON file with the same events, both verifying without the database", async () => {
    const dir = path.join(work, "full");
    const m = await exportBundle(dir);
    const file = path.join(work, "full.ndjson");
    await exportTo(srv.runtime.deps.log.db, file, { signer: srv.runtime.audit.deps.signer, head: m.head, keys: await exportKeys(srv.runtime.deps.log.db), now: new Date() });
    const ndjson = ManifestSchema.parse((JSON.parse((await readFile(file, "utf8")).trim().split("\n").pop()!) as { manifest: unknown }).manifest);
    expect(ndjson.files).toEqual(m.files);
    expect(m.range).toMatchObject({ firstSeq: 1, complete: true, endsAtHead: true, firstPrevHash: "0".repeat(64) });

    for (const target of [dir, file]) {
      const r = await verifyExport(target);
      expect(r.firstBad).toBeNull();
      expect(r.bundleProblems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.counts.turns).toBe(MIXED_QUESTIONS.length + 4);
      expect(r.counts.signaturesValid).toBe(MIXED_QUESTIONS.length + 4);
      expect(r.counts.withdrawn).toBe(1);
    }
    expect(m.withdrawn.map((w) => w.turnId)).toEqual([withdrawnTurn]);
    expect(await runCli(["verify-export", dir], {}, quiet)).toBe(0);
  });

  it("verifies a partial date range from its first row's prev_hash, and says so in the manifest", async () => {
    const rows = await srv.runtime.deps.log.db.query<{ created_at: Date }>("SELECT created_at FROM audit_events WHERE type = 'turn' ORDER BY audit_events.seq");
    const from = rows.rows[3]!.created_at;
    const to = rows.rows[8]!.created_at;
    const m = await exportBundle(path.join(work, "partial"), { from, to });
    expect(m.range.complete).toBe(false);
    expect(m.range.firstSeq).toBeGreaterThan(1);
    expect(m.range.note).toContain(m.range.firstPrevHash);
    expect(m.range.endsAtHead).toBe(false);
    const r = await verifyExport(path.join(work, "partial"));
    expect(r.ok).toBe(true);
    expect(r.range).toMatchObject({ firstSeq: m.range.firstSeq, complete: false });
  });

  it("withholds withdrawn answers' texts on request, and still verifies", async () => {
    const m = await exportBundle(path.join(work, "public"), { withholdWithdrawn: true });
    expect(m.withheld).toHaveLength(1);
    const events = await readFile(path.join(work, "public", "events.jsonl"), "utf8");
    const line = events.split("\n").find((l) => l.includes(withdrawnTurn) && l.includes('"type":"turn"'))!;
    expect(JSON.parse(line)).toMatchObject({ body: null });
    const r = await verifyExport(path.join(work, "public"));
    expect(r.ok).toBe(true);
    expect(r.counts.withheld).toBe(1);
  });

  it("names an edited, a deleted and a reordered line, and a doctored manifest", async () => {
    const dir = path.join(work, "tamper");
    await exportBundle(dir);
    const original = await readFile(path.join(dir, "events.jsonl"), "utf8");
    const lines = original.trimEnd().split("\n");
    const turnAt = lines.findIndex((l) => l.includes('"type":"turn"') && l.includes("passeport"));

    const check = async (edited: string[]) => {
      await writeFile(path.join(dir, "events.jsonl"), `${edited.join("\n")}\n`);
      return verifyExport(dir);
    };
    const seqOf = (i: number) => (JSON.parse(lines[i]!) as { seq: number }).seq;

    const edited = await check(lines.map((l, i) => (i === turnAt ? l.replace("passeport", "passeport ou facture") : l)));
    expect(edited.firstBad).toMatchObject({ seq: seqOf(turnAt), kind: "edited" });
    expect(edited.bundleProblems.join(" ")).toMatch(/events\.jsonl SHA-256/);

    const deleted = await check(lines.filter((_, i) => i !== 4));
    expect(deleted.firstBad).toMatchObject({ seq: seqOf(4), kind: "missing" });

    const swapped = [...lines];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    const reordered = await check(swapped);
    expect(reordered.firstBad).toMatchObject({ seq: seqOf(5), kind: "reordered" });

    await writeFile(path.join(dir, "events.jsonl"), original);
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify({ ...manifest, withdrawn: [] }));
    const doctored = await verifyExport(dir);
    expect(doctored.ok).toBe(false);
    expect(doctored.bundleProblems.join(" ")).toMatch(/manifest's signature does not verify/);
    expect(doctored.bundleProblems.join(" ")).toMatch(/not listed as withdrawn/);
    expect(await runCli(["verify-export", dir], {}, quiet)).toBe(1);
  });

  it("lets an auditor who kept an earlier bundle detect that a later one comes from a shorter chain", async () => {
    const earlier = path.join(work, "earlier");
    const kept: Checkpoint = (await exportBundle(earlier)).head;
    const later = path.join(work, "later");
    await srv.runtime.deps.log.db
      .transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = replica");
        await tx.query("DELETE FROM audit_events WHERE seq > $1", [kept.seq - 3]);
        await exportBundle(later, {}, tx);
        throw new Error("rollback");
      })
      .catch((err: unknown) => {
        if (!(err instanceof Error) || err.message !== "rollback") throw err;
      });
    const alone = await verifyExport(later);
    expect(alone.ok).toBe(true); // on its own, a shorter chain is still a valid chain
    const r = await verifyExport(later, { kept: [{ checkpoint: kept, source: "earlier bundle" }] });
    expect(r.firstBad).toMatchObject({ seq: kept.seq - 2, kind: "truncated" });
    const out: string[] = [];
    expect(await runCli(["verify-export", later, "--checkpoint", earlier], {}, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(1);
    expect(out.join("\n")).toMatch(/FIRST BAD ROW: \d+ \[truncated\]/);
  });

  it("trusts only pinned keys when the auditor pins them", async () => {
    const other = await createSigner(await generatePrivateJwk());
    const keys = path.join(work, "pinned-keys.json");
    await writeFile(keys, JSON.stringify({ keys: [other.publicJwk] }));
    const out: string[] = [];
    expect(await runCli(["verify-export", path.join(work, "full"), "--keys", keys], {}, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(1);
    expect(out.join("\n")).toMatch(/\[unknown-key\].*not among the pinned keys/);
    const published = path.join(work, "published-keys.json");
    await writeFile(published, await (await fetch(`${srv.url}/api/keys`)).text());
    expect(await runCli(["verify-export", path.join(work, "full"), "--keys", published], {}, quiet)).toBe(0);
  });

  it("streams the same bundle from the API, verifiable offline", async () => {
    const auditor = await token(srv, "auditor");
    const res = await fetch(`${srv.url}/api/audit/export`, { headers: bearer(auditor) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="scrutin-audit-.*\.ndjson"/);
    const file = path.join(work, "api.ndjson");
    await writeFile(file, await res.text());
    const r = await verifyExport(file);
    expect(r.ok).toBe(true);
    expect(r.form).toBe("ndjson");
    const empty = await fetch(`${srv.url}/api/audit/export?from=2001-01-01&to=2001-01-02`, { headers: bearer(auditor) });
    expect(empty.status).toBe(404);
    const bad = await fetch(`${srv.url}/api/audit/export?from=yesterday`, { headers: bearer(auditor) });
    expect(bad.status).toBe(400);
  });
});
