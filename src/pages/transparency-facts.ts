import type { Config } from "../config/env.js";
import type { CorpusDocument } from "../ingest/document.js";
import type { ChangelogState } from "./changelog.js";

/** Everything /transparency states, gathered from configuration and the loaded corpus. */
export interface TransparencyFacts {
  party: { name: string | null; platformUrl: string | null; contactEmail: string | null; contactUrl: string | null };
  generator: "extractive" | "llm";
  llm: { provider: string | null; model: string; jurisdiction: string | null; endpointHost: string | null };
  embeddings: { kind: "hashing" | "openai"; model: string | null; endpointHost: string | null };
  hosting: { jurisdiction: string | null; store: "embedded" | "postgres" };
  retentionDays: number;
  corpus: { version: string; documents: DocumentFact[] };
  changelog: ChangelogState;
}

export interface DocumentFact {
  id: string;
  lang: "fr" | "en";
  title: string;
  sourceUrl: string;
  sourceDate: string;
  verifiedAt: string;
  scope: string;
}

function host(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

export function transparencyFacts(config: Config, corpus: { version: string; documents: readonly CorpusDocument[] }, changelog: ChangelogState): TransparencyFacts {
  return {
    party: {
      name: orNull(config.PARTY_NAME),
      platformUrl: config.PARTY_PLATFORM_URL ?? null,
      contactEmail: config.PARTY_CONTACT_EMAIL ?? null,
      contactUrl: config.PARTY_CONTACT_URL ?? null,
    },
    generator: config.COMPOSER,
    llm: { provider: orNull(config.LLM_PROVIDER_NAME), model: config.LLM_MODEL, jurisdiction: orNull(config.LLM_HOSTING_JURISDICTION), endpointHost: host(config.LLM_BASE_URL) },
    embeddings: config.EMBEDDINGS === "openai" ? { kind: "openai", model: config.EMBEDDINGS_MODEL, endpointHost: host(config.EMBEDDINGS_BASE_URL) } : { kind: "hashing", model: null, endpointHost: null },
    hosting: { jurisdiction: orNull(config.DATA_HOSTING_JURISDICTION), store: config.DATABASE_URL ? "postgres" : "embedded" },
    retentionDays: config.RETENTION_DAYS,
    corpus: {
      version: corpus.version,
      documents: [...corpus.documents]
        .sort((a, b) => a.lang.localeCompare(b.lang) || a.title.localeCompare(b.title, a.lang))
        .map((d) => ({ id: d.id, lang: d.lang, title: d.title, sourceUrl: d.source_url, sourceDate: d.source_date, verifiedAt: d.verified_at, scope: d.scope })),
    },
    changelog,
  };
}

/** Whether a declared jurisdiction lies outside Québec (how the page decides to warn). */
export function outsideQuebec(jurisdiction: string): boolean {
  return !/qu[ée]bec/i.test(jurisdiction.normalize("NFC"));
}
