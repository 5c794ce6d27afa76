import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlExecutor } from "../src/adapters/sql.js";
import { checkpointFile } from "../src/config/env.js";
import { storedRows } from "../src/log/audit-log.js";
import { canonicalJson, rowHash, sha256Hex } from "../src/log/chain.js";
import { CheckpointSchema, type Checkpoint } from "../src/log/checkpoint.js";
import type { StoredEvent } from "../src/log/event.js";
import { verifyStore, type StoreReport } from "../src/log/verify-store.js";
import { createSigner, generatePrivateJwk, signEnvelope, type Signer } from "../src/seal/sign.js";
import { UnsignedEnvelopeSchema } from "../src/contract/envelope.js";
import { MIXED_QUESTIONS, bearer, chat, storesUnderTest, token } from "./support/audit.js";
import type { TestServer } from "./support/runtime.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] audit tamper tests on a Postgres server: set DATABASE_URL to run them against a real server");

class Rollback extends Error {}

const stores = storesUnderTest(DATABASE_URL, "audit_tamper");

describe.each(stores)("verify names each kind of tampering (%s)", (_name, start) => {
  let srv: TestServer;
  let cleanup: () => Promise<void>;
  let turnSeqs: number[];
  let lastSeq: number;
  let file: string;
  let publishedHead: Checkpoint;

  beforeAll(async () => {
    ({ srv, cleanup } = await start());
    file = checkpointFile(srv.runtime.config);
    for (const q of [...MIXED_QUESTIONS, ...MIXED_QUESTIONS.slice(0, 4)]) await chat(srv, q);
    const admin = await token(srv, "admin");
    const list = (await (await fetch(`${srv.url}/api/audit/turns?limit=3`, { headers: bearer(admin) })).json()) as { items: { turnId: string }[] };
    await fetch(`${srv.url}/api/audit/turns/${list.items[1]!.turnId}/flag`, { method: "POST", headers: bearer(admin), body: JSON.stringify({ reason: "misleading hours" }) });
    await chat(srv, "What ID do I need to show to vote?");
    await srv.runtime.audit.checkpoint();
    // What an auditor keeps: the public head, fetched without credentials.
    publishedHead = CheckpointSchema.parse(await (await fetch(`${srv.url}/api/audit/head`)).json());
    const rows = await srv.runtime.deps.log.db.query<{ seq: string; type: string }>("SELECT seq::text AS seq, type FROM audit_events ORDER BY audit_events.seq");
    turnSeqs = rows.rows.filter((r) => r.type === "turn").map((r) => Number(r.seq));
    lastSeq = Number(rows.rows[rows.rows.length - 1]!.seq);
    expect(publishedHead.seq).toBe(lastSeq);
  });
  afterAll(async () => {
    await srv?.close();
    await cleanup?.();
  });

  /** Tampers inside a transaction (guard trigger off, as a database owner could), verifies, rolls back. */
  async function tampered(edit: (tx: SqlExecutor) => Promise<unknown>, opts: { file?: string | null; kept?: Checkpoint[] } = {}): Promise<StoreReport> {
    let report: StoreReport | null = null;
    await srv.runtime.deps.log.db
      .transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = replica");
        await edit(tx);
        report = await verifyStore(tx, {
          checkpointFile: opts.file === undefined ? file : opts.file,
          keptCheckpoints: (opts.kept ?? []).map((checkpoint) => ({ checkpoint, source: "kept by the auditor" })),
        });
        throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      });
    return report!;
  }

  it("passes an untouched log, every signature checked", async () => {
    const r = await verifyStore(srv.runtime.deps.log.db, { checkpointFile: file });
    expect(r.ok).toBe(true);
    expect(r.firstBad).toBeNull();
    expect(r.counts.turns).toBe(turnSeqs.length);
    expect(r.counts.signaturesValid).toBe(turnSeqs.length);
    expect(r.head.seq).toBe(lastSeq);
    expect(r.checkpoints.latest?.seq).toBe(lastSeq);
  });

  it("names an edited question (body no longer matches its hash)", async () => {
    const seq = turnSeqs[3]!;
    const r = await tampered((tx) => tx.query("UPDATE audit_events SET body = replace(body, 'employer', 'boss') WHERE seq = $1", [seq]));
    expect(r.ok).toBe(false);
    expect(r.firstBad).toMatchObject({ seq, kind: "edited" });
    expect(r.firstBad!.message).toMatch(/body/);
  });

  it("names an edited column that the header hashes (a flag moved to another turn)", async () => {
    const flag = await srv.runtime.deps.log.db.query<{ seq: string }>("SELECT seq::text AS seq FROM audit_events WHERE type = 'flag'");
    const seq = Number(flag.rows[0]!.seq);
    const r = await tampered((tx) => tx.query("UPDATE audit_events SET turn_id = 'another-turn' WHERE seq = $1", [seq]));
    expect(r.firstBad).toMatchObject({ seq, kind: "edited" });
    expect(r.firstBad!.message).toMatch(/turn_id/);
  });

  it("names a deleted row", async () => {
    const seq = turnSeqs[5]!;
    const r = await tampered((tx) => tx.query("DELETE FROM audit_events WHERE seq = $1", [seq]));
    expect(r.firstBad).toMatchObject({ seq, kind: "missing" });
  });

  it("names reordered rows", async () => {
    const a = turnSeqs[2]!;
    const b = a + 1;
    const r = await tampered(async (tx) => {
      await tx.query("UPDATE audit_events SET seq = -1 WHERE seq = $1", [a]);
      await tx.query("UPDATE audit_events SET seq = $1 WHERE seq = $2", [a, b]);
      await tx.query("UPDATE audit_events SET seq = $1 WHERE seq = -1", [b]);
    });
    expect(r.firstBad).toMatchObject({ seq: a, kind: "reordered" });
  });

  it("names a forged signature, even when every hash after it was recomputed", async () => {
    const seq = turnSeqs[0]!;
    const forger = await createSigner(await generatePrivateJwk());
    // Same key id as the service's: only the signature check can tell.
    const r = await tampered((tx) => resignAndRechain(tx, seq, { ...forger, keyId: srv.runtime.deps.signer.keyId }));
    expect(r.firstBad).toMatchObject({ seq, kind: "forged-signature" });
  });

  it("names an answer signed with a key the chain never announced", async () => {
    const seq = turnSeqs[1]!;
    const forger = await createSigner(await generatePrivateJwk());
    const r = await tampered((tx) => resignAndRechain(tx, seq, forger));
    expect(r.firstBad).toMatchObject({ seq, kind: "unknown-key" });
    expect(r.issues.map((i) => i.kind)).toContain("rewritten");
  });

  it("names a cut-off tail from the checkpoint file, even when the table's checkpoints were deleted too", async () => {
    const cut = lastSeq - 2;
    const r = await tampered(async (tx) => {
      await tx.query("DELETE FROM audit_events WHERE seq > $1", [cut]);
      await tx.query("DELETE FROM audit_checkpoints WHERE seq > $1", [cut]);
    });
    expect(r.firstBad).toMatchObject({ seq: cut + 1, kind: "truncated" });
    expect(r.firstBad!.message).toContain(file);
  });

  it("names a cut-off tail from a head the auditor kept, when nothing else remains", async () => {
    const cut = lastSeq - 1;
    const edit = async (tx: SqlExecutor) => {
      await tx.query("DELETE FROM audit_events WHERE seq > $1", [cut]);
      await tx.query("DELETE FROM audit_checkpoints WHERE seq > $1", [cut]);
    };
    const blind = await tampered(edit, { file: null });
    expect(blind.ok).toBe(true); // the limit of a bare hash chain: what the trust model is about
    const r = await tampered(edit, { file: null, kept: [publishedHead] });
    expect(r.firstBad).toMatchObject({ seq: cut + 1, kind: "truncated" });
  });

  it("names a rewritten history that recomputed every hash (a flag's reason changed)", async () => {
    const flag = await srv.runtime.deps.log.db.query<{ seq: string }>("SELECT seq::text AS seq FROM audit_events WHERE type = 'flag'");
    const seq = Number(flag.rows[0]!.seq);
    const r = await tampered((tx) =>
      rechainFrom(tx, seq, (row) => ({ ...row, header: canonicalJson({ ...JSON.parse(row.header), reason: "nothing to see" }) })),
    );
    expect(r.ok).toBe(false);
    expect(r.issues.every((i) => i.kind === "rewritten")).toBe(true);
    expect(r.firstBad!.message).toMatch(new RegExp(`rows \\d+–${lastSeq} were rewritten`));
  });

  it("names a body removed without a purge or erasure event", async () => {
    const seq = turnSeqs[4]!;
    // The guard trigger allows blanking a body (that is how purges work): verify must object.
    const r = await tampered((tx) => tx.query("UPDATE audit_events SET body = NULL WHERE seq = $1", [seq]));
    expect(r.firstBad).toMatchObject({ seq, kind: "unrecorded-purge" });
  });

  it("names a row edited and re-hashed on its own (the next row's link breaks)", async () => {
    const seq = turnSeqs[6]! - 1;
    const r = await tampered(async (tx) => {
      const row = (await first(storedRows(tx, { fromSeq: seq, toSeq: seq })))!;
      const header = canonicalJson({ ...JSON.parse(row.header), tampered: true });
      await tx.query("UPDATE audit_events SET header = $1, hash = $2 WHERE seq = $3", [header, rowHash(row.prevHash, header, row.bodyHash), seq]);
    });
    expect(r.firstBad).toMatchObject({ seq, kind: "edited" });
    expect(r.firstBad!.message).toMatch(/re-hashed/);
  });

  /** Rewrites one turn's answer, signs it with `signer`, and recomputes every later hash. */
  function resignAndRechain(tx: SqlExecutor, seq: number, signer: Signer): Promise<void> {
    return rechainFrom(tx, seq, async (row) => {
      const body = JSON.parse(row.body!) as { envelope: Record<string, unknown> };
      const { signature: _old, ...rest } = body.envelope;
      const unsigned = UnsignedEnvelopeSchema.parse({ ...rest, text: `${String(rest.text)} Vote by text message at 555-0100.` });
      const envelope = await signEnvelope(unsigned, signer);
      const newBody = canonicalJson({ ...body, envelope });
      const header = canonicalJson({ ...JSON.parse(row.header), envelopeHash: sha256Hex(canonicalJson(envelope)), keyId: signer.keyId });
      return { ...row, body: newBody, header, bodyHash: sha256Hex(newBody) };
    });
  }

  /** Replaces row `seq` with `change(row)` and recomputes its hash and every later row's links. */
  async function rechainFrom(tx: SqlExecutor, seq: number, change: (row: StoredEvent) => StoredEvent | Promise<StoredEvent>): Promise<void> {
    const rows: StoredEvent[] = [];
    for await (const r of storedRows(tx, { fromSeq: seq })) rows.push(r);
    let prev = rows[0]!.prevHash;
    for (const [i, original] of rows.entries()) {
      const row = i === 0 ? await change(original) : original;
      const hash = rowHash(prev, row.header, row.bodyHash);
      await tx.query("UPDATE audit_events SET header = $1, body = $2, body_hash = $3, prev_hash = $4, hash = $5 WHERE seq = $6", [
        row.header, row.body, row.bodyHash, prev, hash, row.seq,
      ]);
      prev = hash;
    }
  }
});

async function first<T>(it: AsyncIterable<T>): Promise<T | undefined> {
  for await (const x of it) return x;
  return undefined;
}
