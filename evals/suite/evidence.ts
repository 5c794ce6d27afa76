import type { EvalCase } from "../cases.js";

/**
 * What the suite collects before scoring: for every turn, the envelope the client received
 * and the turn as the audit log holds it. Scoring reads the log, not the pipeline's word.
 */
export interface CorpusChunk {
  text: string;
  url: string;
  docId: string;
}

export interface LoggedTurn {
  kind: string | null;
  header: Record<string, unknown>;
  /** The signed envelope as stored; null once purged. */
  envelope: Record<string, unknown> | null;
  /** The stored body re-hashes to the stored body hash (null: cannot be checked, e.g. purged). */
  bodyMatchesHash: boolean | null;
  /** Every chunk the turn cites, as the corpus holds it now; null: the corpus has no such chunk. */
  chunks: Record<string, CorpusChunk | null>;
}

export interface TurnEvidence {
  message: string;
  /** The envelope the client received (JSON as sent). */
  response: Record<string, unknown> | null;
  /** Wall-clock time from sending the message to receiving the envelope. */
  latencyMs: number;
  turnId: string | null;
  /** Null when the turn could not be found in the log. */
  logged: LoggedTurn | null;
  error?: string;
}

export interface CaseEvidence {
  dataset: string;
  case: EvalCase;
  /** History turns first, the case's question last. */
  turns: TurnEvidence[];
}

/** A published Ed25519 public key (as /api/keys serves it). */
export interface PublicKey {
  kid: string;
  x: string;
}

export interface RunContext {
  mode: "in-process" | "http";
  target: string;
  corpusVersion: string;
  composer: string;
  keys: PublicKey[];
  /** Official domains a citation URL must be on (subdomains included). */
  officialDomains: string[];
}

export interface Collected {
  context: RunContext;
  cases: CaseEvidence[];
}
