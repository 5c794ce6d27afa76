import type { Composer } from "../compose/types.js";
import type { ScopeClassifier } from "../guard/guard.js";
import type { RefusalLinks } from "../guard/messages.js";
import type { AuditLog } from "../log/audit-log.js";
import type { Retriever } from "../retrieve/retrieve.js";
import type { Signer } from "../seal/sign.js";

/** Everything the answer pipeline needs, wired once by the composition root. */
export interface PipelineDeps {
  retriever: Retriever;
  corpusVersion: string;
  composer: Composer;
  /** The extractive composer, used when the configured one fails or breaks the contract. */
  fallback: Composer;
  signer: Signer;
  log: AuditLog;
  links: RefusalLinks;
  scopeClassifier?: ScopeClassifier;
  now: () => Date;
  newId: () => string;
}
