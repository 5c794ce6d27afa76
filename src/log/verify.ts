import { GENESIS_HASH, canonicalJson, rowHash, sha256Hex } from "./chain.js";
import { checkpointValid, type SourcedCheckpoint } from "./checkpoint.js";
import type { StoredEvent } from "./event.js";
import { KeyRing } from "./keyring.js";
import { pushSeq, subtractRanges, type SeqRange } from "./ranges.js";

/**
 * Verification of a stretch of the audit chain, pure: rows in, report out. The same code
 * checks the live store (`npm run audit -- verify`) and an export bundle offline.
 *
 * What it proves, row by row: contiguous numbering, each row linked to the previous row's
 * hash, each header and body matching its hashes, the row columns matching the hashed
 * header, each turn's envelope matching the header's envelopeHash and carrying a valid
 * Ed25519 signature by a trusted key; purged bodies recorded by a purge or erasure event;
 * and agreement with every signed checkpoint (which is what reveals a cut-off tail).
 */
export type IssueKind =
  | "missing" // rows deleted: a gap in the numbering
  | "reordered" // a row is not where its own header says it belongs
  | "edited" // content no longer matches its hashes, or a row was changed and re-hashed
  | "forged-signature" // an envelope whose signature does not verify
  | "unknown-key" // an envelope signed by a key the chain never announced (or not pinned)
  | "truncated" // a signed checkpoint covers rows the chain no longer has
  | "rewritten" // a signed checkpoint disagrees with the row it covers
  | "unrecorded-purge" // a body removed without a purge or erasure event
  | "bad-checkpoint" // a checkpoint whose signature does not verify
  | "bad-key"; // a key announcement that is not a valid Ed25519 key

export interface Issue {
  seq: number;
  kind: IssueKind;
  message: string;
}

export interface VerifyOptions {
  /** Where the stretch starts: seq 1 and the genesis hash for the whole chain. */
  start: { seq: number; prevHash: string };
  /** Keys trusted before reading any row: pinned keys, or a partial bundle's keys.json. */
  keys: readonly unknown[];
  /** Whether `key` events on the chain add to the trusted keys (false when the auditor pinned keys). */
  trustAnnounced: boolean;
  checkpoints: readonly SourcedCheckpoint[];
  /** Rows whose body an export deliberately left out (withdrawn turns); not a purge. */
  withheld?: ReadonlySet<number>;
  /** A complete chain must record every purged body; a partial range may not include the purge event. */
  requirePurgeRecords: boolean;
}

export interface VerifyReport {
  ok: boolean;
  range: { firstSeq: number | null; lastSeq: number | null; startPrevHash: string; complete: boolean };
  head: { seq: number; hash: string };
  counts: {
    events: number;
    turns: number;
    signaturesValid: number;
    purged: number;
    withheld: number;
    withdrawn: number;
    byType: Record<string, number>;
  };
  keys: { kid: string; announcedAt: number | null; turns: number }[];
  checkpoints: { checked: number; valid: number; latest: { seq: number; createdAt: string } | null; beforeRange: number };
  /** Purged rows whose purge event lies outside a partial range (not an error there). */
  unrecordedPurgesOutsideRange: number;
  firstBad: Issue | null;
  issues: Issue[];
  issueCount: number;
}

const MAX_ISSUES = 1000;
const SIGNATURE_WINDOW = 256;
const RECENT_HASHES = 4096;

interface TurnBody {
  envelope: Record<string, unknown>;
}

/** `ring` receives the trusted keys (given and announced), for checking other signatures afterwards. */
export async function verifyChain(rows: AsyncIterable<StoredEvent>, opts: VerifyOptions, ring: KeyRing = new KeyRing()): Promise<VerifyReport> {
  const issues: Issue[] = [];
  let issueCount = 0;
  const flagged = new Set<number>();
  const report = (seq: number, kind: IssueKind, message: string) => {
    issueCount += 1;
    flagged.add(seq);
    if (issues.length < MAX_ISSUES) issues.push({ seq, kind, message });
  };
  for (const k of opts.keys) {
    const err = ring.add(k);
    if (err) report(opts.start.seq, "bad-key", `trusted key refused: ${err}`);
  }

  const counts: VerifyReport["counts"] = { events: 0, turns: 0, signaturesValid: 0, purged: 0, withheld: 0, withdrawn: 0, byType: {} };
  const keyUse = new Map<string, { announcedAt: number | null; turns: number }>();
  const purged: SeqRange[] = [];
  const recorded: SeqRange[] = [];
  const withdrawn = new Set<string>();
  const recent = new Map<string, number>();
  const pending: Promise<void>[] = [];

  const cpBySeq = new Map<number, SourcedCheckpoint[]>();
  for (const c of dedupe(opts.checkpoints)) cpBySeq.set(c.checkpoint.seq, [...(cpBySeq.get(c.checkpoint.seq) ?? []), c]);
  const cpMatch = new Map<SourcedCheckpoint, boolean>();
  const gaps: SeqRange[] = [];
  const lateRows: SeqRange[] = [];

  let expected = opts.start.seq;
  let prev = opts.start.prevHash;
  let firstSeq: number | null = null;
  let last: { seq: number; hash: string } | null = null;
  let resynced = false;
  let previousFlagged = false;

  for await (const r of rows) {
    counts.events += 1;
    counts.byType[r.type] = (counts.byType[r.type] ?? 0) + 1;
    firstSeq ??= r.seq;

    // 1. Numbering. A gap is only "missing" if the row does not turn up later, out of order.
    if (r.seq > expected) {
      gaps.push([expected, r.seq - 1]);
      resynced = true;
    } else if (r.seq < expected) {
      lateRows.push([r.seq, r.seq]);
      report(r.seq, "reordered", `row ${r.seq} appears after row ${expected - 1}: rows are out of order or duplicated`);
      resynced = true;
    }

    // 2. The header: hashed, so the columns must agree with it.
    let header: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(r.header);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) header = parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!header) {
      report(r.seq, "edited", `row ${r.seq}: header is not a JSON object`);
    } else if (header.seq !== r.seq) {
      report(r.seq, "reordered", `row ${r.seq} holds the row that was written as seq ${String(header.seq)}: rows were reordered`);
    } else {
      const col = columnMismatch(r, header);
      if (col) report(r.seq, "edited", `row ${r.seq}: column ${col} differs from the hashed header`);
    }

    // 3. Body and row hashes.
    if (r.body !== null && sha256Hex(r.body) !== r.bodyHash) report(r.seq, "edited", `row ${r.seq}: body does not match its body_hash (text edited)`);
    if (rowHash(r.prevHash, r.header, r.bodyHash) !== r.hash) report(r.seq, "edited", `row ${r.seq}: row hash does not match its content (header or hashes edited)`);

    // 4. The link to the previous row.
    // A row already found out of place or edited explains its own broken link.
    if (!resynced && !previousFlagged && !flagged.has(r.seq) && r.prevHash !== prev) {
      const linked = recent.get(r.prevHash);
      if (linked !== undefined) report(r.seq, "reordered", `row ${r.seq} follows row ${linked} in the chain, not row ${r.seq - 1}: rows were reordered`);
      else report(r.seq - 1, "edited", `row ${r.seq - 1} was changed and re-hashed: row ${r.seq}'s prev_hash is not its hash`);
    }

    // 5. What the row says.
    if (header) {
      if (r.type === "turn") {
        counts.turns += 1;
        checkTurn(r, header);
      } else if (r.type === "key") {
        const kid = typeof header.kid === "string" ? header.kid : "";
        const jwk = header.jwk;
        const jwkKid = typeof jwk === "object" && jwk !== null && "kid" in jwk ? jwk.kid : undefined;
        const err = jwkKid !== kid ? "its kid differs from the JWK's" : opts.trustAnnounced ? ring.add(jwk) : new KeyRing().add(jwk);
        if (err) report(r.seq, "bad-key", `row ${r.seq}: key announcement refused: ${err}`);
        else if (!keyUse.has(kid)) keyUse.set(kid, { announcedAt: r.seq, turns: 0 });
        else keyUse.get(kid)!.announcedAt ??= r.seq;
      } else if (r.type === "purge" || r.type === "erasure") {
        for (const range of rangesOf(header.rows)) {
          if (range[1] >= r.seq) report(r.seq, "edited", `row ${r.seq}: ${r.type} event claims rows after itself`);
          else recorded.push(range);
        }
      } else if (r.type === "takedown" && r.turnId) {
        withdrawn.add(r.turnId);
      }
      if (r.body === null && r.bodyHash !== GENESIS_HASH && r.type !== "turn") {
        if (opts.withheld?.has(r.seq)) counts.withheld += 1;
        else {
          counts.purged += 1;
          pushSeq(purged, r.seq);
        }
      }
    }

    // 6. Signed checkpoints at this row.
    for (const c of cpBySeq.get(r.seq) ?? []) cpMatch.set(c, c.checkpoint.hash === r.hash);

    previousFlagged = flagged.has(r.seq);
    resynced = false;
    recent.set(r.hash, r.seq);
    if (recent.size > RECENT_HASHES) recent.delete(recent.keys().next().value!);
    prev = r.hash;
    expected = Math.max(expected, r.seq + 1);
    last = { seq: r.seq, hash: r.hash };
    if (pending.length >= SIGNATURE_WINDOW) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending.splice(0));

  for (const [a, b] of subtractRanges(gaps, lateRows)) report(a, "missing", a === b ? `row ${a} is missing (deleted)` : `rows ${a}–${b} are missing (deleted)`);

  // Purged bodies must be accounted for by a purge or erasure event.
  const unrecorded = subtractRanges(purged, recorded);
  let unrecordedPurgesOutsideRange = 0;
  for (const [a, b] of unrecorded) {
    if (opts.requirePurgeRecords) report(a, "unrecorded-purge", a === b ? `row ${a}: body removed without a purge or erasure event` : `rows ${a}–${b}: bodies removed without a purge or erasure event`);
    else unrecordedPurgesOutsideRange += b - a + 1;
  }

  // Checkpoints: signatures first, then what they say about the rows.
  const cps = dedupe(opts.checkpoints);
  const validity = await Promise.all(cps.map((c) => checkpointValid(c.checkpoint, ring)));
  const lastSeq = last?.seq ?? opts.start.seq - 1;
  let latest: { seq: number; createdAt: string } | null = null;
  let beforeRange = 0;
  const ordered = cps.map((c, i) => ({ c, valid: validity[i]! })).sort((a, b) => a.c.checkpoint.seq - b.c.checkpoint.seq);
  let lastGood = opts.start.seq - 1;
  for (const { c, valid } of ordered) {
    const cp = c.checkpoint;
    if (!valid) {
      report(Math.max(cp.seq, opts.start.seq), "bad-checkpoint", `checkpoint for row ${cp.seq} (${c.source}) has no valid signature by a trusted key; it was ignored`);
      continue;
    }
    if (!latest || cp.seq > latest.seq) latest = { seq: cp.seq, createdAt: cp.createdAt };
    if (cp.seq < opts.start.seq) {
      beforeRange += 1;
      continue;
    }
    if (cp.seq > lastSeq) {
      report(lastSeq + 1, "truncated", `the chain ends at row ${lastSeq}, but a checkpoint signed at ${cp.createdAt} (${c.source}) records row ${cp.seq}: rows ${lastSeq + 1}–${cp.seq} were removed`);
      continue;
    }
    const matched = cpMatch.get(c);
    if (matched === true) lastGood = Math.max(lastGood, cp.seq);
    else if (matched === false) {
      // The row the checkpoint covers is proven different; the change itself lies after the
      // last matching checkpoint, where any other issue found points to it.
      report(cp.seq, "rewritten", `row ${cp.seq} differs from the checkpoint signed at ${cp.createdAt} (${c.source}): rows ${lastGood + 1}–${cp.seq} were rewritten and re-hashed`);
    }
  }

  issues.sort((a, b) => a.seq - b.seq);
  return {
    ok: issueCount === 0,
    range: { firstSeq, lastSeq: last?.seq ?? null, startPrevHash: opts.start.prevHash, complete: opts.start.seq === 1 },
    head: last ?? { seq: opts.start.seq - 1, hash: opts.start.prevHash },
    counts: { ...counts, withdrawn: withdrawn.size },
    keys: [...keyUse.entries()].map(([kid, u]) => ({ kid, ...u })),
    checkpoints: { checked: cps.length, valid: validity.filter(Boolean).length, latest, beforeRange },
    unrecordedPurgesOutsideRange,
    firstBad: issues[0] ?? null,
    issues,
    issueCount,
  };

  function checkTurn(r: StoredEvent, header: Record<string, unknown>): void {
    if (r.body === null) {
      if (r.bodyHash === GENESIS_HASH) report(r.seq, "edited", `row ${r.seq}: a turn without a body`);
      else if (opts.withheld?.has(r.seq)) counts.withheld += 1;
      else {
        counts.purged += 1;
        pushSeq(purged, r.seq);
      }
      return;
    }
    const body = parseTurnBody(r.body);
    if (!body) return report(r.seq, "edited", `row ${r.seq}: body holds no envelope`);
    const env = body.envelope;
    if (sha256Hex(canonicalJson(env)) !== header.envelopeHash) return report(r.seq, "edited", `row ${r.seq}: envelope does not match the header's envelopeHash`);
    if (env.id !== r.turnId || env.conversationId !== r.conversationId || env.kind !== r.answerKind || env.lang !== r.lang) {
      return report(r.seq, "edited", `row ${r.seq}: envelope id, conversation, kind or language differs from the row`);
    }
    const { signature, ...unsigned } = env;
    const sig = typeof signature === "object" && signature !== null ? (signature as Record<string, unknown>) : {};
    const kid = typeof sig.keyId === "string" ? sig.keyId : "";
    if (sig.alg !== "Ed25519" || typeof sig.value !== "string" || kid !== header.keyId) {
      return report(r.seq, "forged-signature", `row ${r.seq}: envelope signature missing, malformed or not the header's key`);
    }
    const use = keyUse.get(kid) ?? { announcedAt: null, turns: 0 };
    use.turns += 1;
    keyUse.set(kid, use);
    if (!ring.has(kid)) {
      const why = opts.trustAnnounced ? "not announced on the chain before this row" : "not among the pinned keys";
      return report(r.seq, "unknown-key", `row ${r.seq}: signed with key ${kid}, ${why}`);
    }
    const seq = r.seq;
    pending.push(
      ring.verify(kid, canonicalJson(unsigned), sig.value).then((ok) => {
        if (ok) counts.signaturesValid += 1;
        else report(seq, "forged-signature", `row ${seq}: the envelope's Ed25519 signature does not verify with key ${kid}`);
      }),
    );
  }
}

const COLUMN_FIELDS = [
  ["type", "type"],
  ["event_id", "eventId"],
  ["conversation_id", "conversationId"],
  ["turn_id", "turnId"],
  ["lang", "lang"],
  ["answer_kind", "answerKind"],
] as const;

function columnMismatch(r: StoredEvent, header: Record<string, unknown>): string | null {
  const row: Record<(typeof COLUMN_FIELDS)[number][1], string | null> = {
    type: r.type, eventId: r.eventId, conversationId: r.conversationId, turnId: r.turnId, lang: r.lang, answerKind: r.answerKind,
  };
  for (const [column, field] of COLUMN_FIELDS) if ((header[field] ?? null) !== row[field]) return column;
  if (typeof header.createdAt !== "string" || Date.parse(header.createdAt) !== Date.parse(r.createdAt)) return "created_at";
  return null;
}

function parseTurnBody(body: string): TurnBody | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null || !("envelope" in parsed)) return null;
    const env = parsed.envelope;
    return typeof env === "object" && env !== null && !Array.isArray(env) ? { envelope: env as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}

function rangesOf(raw: unknown): SeqRange[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((x): x is SeqRange => Array.isArray(x) && x.length === 2 && Number.isInteger(x[0]) && Number.isInteger(x[1]) && x[0] <= x[1]);
}

function dedupe(cps: readonly SourcedCheckpoint[]): SourcedCheckpoint[] {
  const seen = new Set<string>();
  return cps.filter((c) => {
    const k = `${c.checkpoint.seq}:${c.checkpoint.hash}:${c.checkpoint.signature}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The report as an auditor reads it on a terminal. */
export function formatReport(r: VerifyReport, label = "audit chain"): string {
  const lines: string[] = [];
  const range = r.range.firstSeq === null ? "no rows" : `rows ${r.range.firstSeq}–${r.range.lastSeq}${r.range.complete ? " (from the first row)" : ` (partial: verified from prev_hash ${r.range.startPrevHash.slice(0, 16)}…)`}`;
  lines.push(`${r.ok ? "OK" : "FAILED"}: ${label}, ${range}`);
  lines.push(`  events ${r.counts.events} (${Object.entries(r.counts.byType).map(([k, v]) => `${k} ${v}`).join(", ") || "none"})`);
  lines.push(`  turns ${r.counts.turns}: signatures valid ${r.counts.signaturesValid}, purged ${r.counts.purged} (texts removed by retention or erasure; signature not checkable by design), withheld ${r.counts.withheld}, withdrawn ${r.counts.withdrawn}`);
  for (const k of r.keys) lines.push(`  key ${k.kid}: announced at row ${k.announcedAt ?? "— (not on the chain)"}, signed ${k.turns} turn(s)`);
  lines.push(`  head: row ${r.head.seq}, hash ${r.head.hash}`);
  lines.push(`  checkpoints: ${r.checkpoints.valid}/${r.checkpoints.checked} valid${r.checkpoints.latest ? `, latest covers row ${r.checkpoints.latest.seq} (signed ${r.checkpoints.latest.createdAt})` : ", none (a cut-off tail would not be detectable)"}`);
  if (r.unrecordedPurgesOutsideRange > 0) lines.push(`  ${r.unrecordedPurgesOutsideRange} purged row(s) whose purge event lies outside this range`);
  if (r.firstBad) {
    lines.push(`  FIRST BAD ROW: ${r.firstBad.seq} [${r.firstBad.kind}] ${r.firstBad.message}`);
    for (const i of r.issues.slice(1, 20)) lines.push(`  also: row ${i.seq} [${i.kind}] ${i.message}`);
    if (r.issueCount > 20) lines.push(`  … ${r.issueCount - 20} more issue(s)`);
  }
  return lines.join("\n");
}
