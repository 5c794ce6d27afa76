/**
 * Audit trail figures: append throughput through group commit, full verification
 * (hashes + every Ed25519 signature), export, and the erasure's VACUUM FULL, on embedded
 * PGlite in memory with realistic turn rows (~3 KB: signed envelope + retrieval header).
 * Usage: npx tsx bench/audit-verify.ts [turns=20000]
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite } from "../src/adapters/pglite.js";
import { AuditLog } from "../src/log/audit-log.js";
import { exportTo } from "../src/log/bundle.js";
import { canonicalJson, sha256Hex } from "../src/log/chain.js";
import { CheckpointWriter } from "../src/log/checkpoint.js";
import { exportKeys } from "../src/log/export.js";
import { eraseConversation } from "../src/log/purge.js";
import { verifyStore } from "../src/log/verify-store.js";
import { createSigner, generatePrivateJwk, signEnvelope } from "../src/seal/sign.js";
import type { UnsignedEnvelope } from "../src/contract/envelope.js";

const N = Number(process.argv[2] ?? 20_000);
const signer = await createSigner(await generatePrivateJwk());
const log = await AuditLog.open(await openPglite());
await log.registerKey(signer.keyId, signer.publicJwk);
const text = "Au bureau de vote, l'électeur doit présenter l'une des cinq pièces d'identité suivantes : son permis de conduire du Québec; sa carte d'assurance maladie du Québec; son passeport canadien; son certificat de statut d'Indien; sa carte d'identité des Forces armées canadiennes. [1]\n\n";

let t = performance.now();
const pending: Promise<unknown>[] = [];
for (let i = 0; i < N; i++) {
  const id = randomUUID();
  const conversationId = i % 7 === 0 ? "conv-erase-me" : randomUUID();
  const unsigned: UnsignedEnvelope = {
    id, conversationId, lang: "fr", kind: "answer", text: text.repeat(3), aiGenerated: true, label: { text: "Réponse générée par une intelligence artificielle" },
    officialLink: { url: "https://www.electionsquebec.qc.ca/", title: "Élections Québec" },
    citations: [{ n: 1, sourceId: "identification-fr", chunkId: "identification-fr:1-1da6feaa", title: "Pièces d'identité", url: "https://www.electionsquebec.qc.ca/comprendre/", quote: text.slice(0, 300) }],
    provenance: { corpusVersion: "c-bench", generator: "extractive", model: "none", promptVersion: "extractive-v1", createdAt: new Date().toISOString() },
  };
  const envelope = await signEnvelope(unsigned, signer);
  pending.push(log.append({
    type: "turn", eventId: id, createdAt: unsigned.provenance.createdAt, conversationId, turnId: id, lang: "fr", answerKind: "answer",
    header: {
      corpusVersion: "c-bench", generator: "extractive", model: "none", promptVersion: "extractive-v1", latencyMs: 3.2,
      guard: { category: "in_scope", piiKinds: [], verdicts: [{ name: "privacy.pii", triggered: false }] },
      retrieval: { hits: Array.from({ length: 6 }, (_, k) => ({ chunkId: `identification-fr:${k}-abcdef12`, sourceId: "identification-fr", score: 0.03, bm25: { rank: k + 1, score: 4.2 }, vector: { rank: k + 1, score: 0.8 } })) },
      citations: [{ n: 1, chunkId: "identification-fr:1-1da6feaa", sourceId: "identification-fr", url: "https://www.electionsquebec.qc.ca/comprendre/" }],
      envelopeHash: sha256Hex(canonicalJson(envelope)), keyId: signer.keyId,
    },
    body: { question: "Quelles pièces d'identité dois-je présenter pour voter?", retrievalQuery: "pièces identité voter", envelope },
  }));
  if (pending.length >= 2000) await Promise.all(pending.splice(0));
}
await Promise.all(pending);
const appendMs = performance.now() - t;
const bytes = (await log.db.query<{ b: string }>("SELECT sum(length(header) + length(body))::text AS b FROM audit_events")).rows[0]!.b;
console.log(`append: ${N} turns (incl. signing) in ${(appendMs / 1000).toFixed(2)} s = ${Math.round(N / (appendMs / 1000))} turns/s; avg row ${Math.round(Number(bytes) / N)} B`);

const dir = await mkdtemp(path.join(tmpdir(), "scrutin-bench-"));
const checkpoints = new CheckpointWriter(log, signer, path.join(dir, "cp.jsonl"));
await checkpoints.write();
for (let run = 0; run < 3; run++) {
  t = performance.now();
  const r = await verifyStore(log.db, { checkpointFile: path.join(dir, "cp.jsonl") });
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`verify failed: ${JSON.stringify(r.firstBad)}`);
  console.log(`verify #${run + 1}: ${r.counts.events} rows, ${r.counts.signaturesValid} signatures in ${(ms / 1000).toFixed(2)} s = ${Math.round(r.counts.events / (ms / 1000))} rows/s`);
}
t = performance.now();
const head = (await checkpoints.write({ force: true }))!;
const m = await exportTo(log.db, path.join(dir, "bundle"), { signer, head, keys: await exportKeys(log.db), now: new Date() });
console.log(`export (directory): ${m.counts.events} rows, ${(m.files["events.jsonl"].bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(2)} s`);
t = performance.now();
const { verifyExport } = await import("../src/log/bundle.js");
const vr = await verifyExport(path.join(dir, "bundle"));
console.log(`verify-export: ok=${vr.ok} in ${((performance.now() - t) / 1000).toFixed(2)} s`);
t = performance.now();
const er = await eraseConversation(log, { conversationId: "conv-erase-me", reason: "bench", actor: { type: "cli", name: "bench" }, now: new Date(), eventId: randomUUID() });
console.log(`erasure of ${er.count} rows incl. VACUUM FULL of ${N} rows: ${((performance.now() - t) / 1000).toFixed(2)} s`);
await log.close();
await rm(dir, { recursive: true, force: true });
