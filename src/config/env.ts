import path from "node:path";
import { z } from "zod";
import { DEFAULT_OFFICIAL_DOMAINS } from "../ingest/document.js";

/**
 * The service's configuration, parsed once from the environment at start-up.
 * Nothing else in the code base reads `process.env`: a bad value fails fast here
 * with a message naming the variable.
 */
const optionalUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.url().optional(),
);

const optionalEmail = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.email().optional(),
);

const onOff = z
  .enum(["on", "off", "true", "false", "1", "0"])
  .default("on")
  .transform((v) => v === "on" || v === "true" || v === "1");

const csv = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter((x) => x.length > 0));

function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
  } catch {
    return false;
  }
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Domains a corpus source may come from; an entry also admits its subdomains. */
export const DomainListSchema = csv
  .transform((list) => list.map((d) => d.toLowerCase()))
  .refine((list) => list.every((d) => HOSTNAME.test(d)), {
    message: "must be comma-separated domain names without scheme or path (e.g. electionsquebec.qc.ca,elections.quebec)",
  })
  .transform((list): string[] => (list.length > 0 ? list : [...DEFAULT_OFFICIAL_DOMAINS]));

const corpusFields = {
  CORPUS_DIR: z.string().min(1).default("./corpus"),
  /** Official domains that corpus sources must come from (replaces the default list when set). */
  CORPUS_ALLOWED_DOMAINS: DomainListSchema,
};

export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATA_DIR: z.string().min(1).default("./data"),
    ...corpusFields,
    DATABASE_URL: optionalUrl.refine((u) => u === undefined || /^postgres(ql)?:\/\//.test(u), {
      message: "must be a postgres:// or postgresql:// URL",
    }),
    COMPOSER: z.enum(["extractive", "llm"]).default("extractive"),
    LLM_BASE_URL: optionalUrl,
    LLM_API_KEY: z.string().optional(),
    LLM_MODEL: z.string().min(1).default("gpt-4o-mini"),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
    /** Where the model is hosted, disclosed on the transparency page (Law 25 / code of conduct). */
    LLM_PROVIDER_NAME: z.string().default(""),
    LLM_HOSTING_JURISDICTION: z.string().default(""),
    /** A second scope opinion from the LLM endpoint above; it can only make answers more cautious. */
    GUARD_LLM: z.enum(["on", "off", "true", "false", "1", "0"]).default("off").transform((v) => v === "on" || v === "true" || v === "1"),
    EMBEDDINGS: z.enum(["hashing", "openai"]).default("hashing"),
    EMBEDDINGS_BASE_URL: optionalUrl,
    EMBEDDINGS_API_KEY: z.string().optional(),
    EMBEDDINGS_MODEL: z.string().default("text-embedding-3-small"),
    /** The eval suite's citation-support judge (npm run eval): any OpenAI-compatible endpoint; unset = lexical overlap. */
    EVAL_JUDGE_BASE_URL: optionalUrl,
    EVAL_JUDGE_API_KEY: z.string().optional(),
    EVAL_JUDGE_MODEL: z.string().min(1).default("gpt-4o-mini"),
    /** Ed25519 private key as a JWK (JSON). Generated into DATA_DIR on first run when absent. */
    SIGNING_KEY_JWK: z.string().optional(),
    PARTY_NAME: z.string().default(""),
    PARTY_PLATFORM_URL: optionalUrl,
    /** How voters reach a person at the deploying party about the assistant and their personal information (Law 25). */
    PARTY_CONTACT_EMAIL: optionalEmail,
    PARTY_CONTACT_URL: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
      z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    ),
    /** Where Scrutin itself and its audit log are hosted, disclosed on the transparency page. */
    DATA_HOSTING_JURISDICTION: z.string().trim().max(200).default(""),
    /** Serve the fake party page /demo (and /demo?hostile=1, the shadow-DOM isolation check). */
    DEMO_PAGE: onOff,
    /** Origins (scheme://host[:port]) of the party sites whose pages may call the API from a browser (CORS). */
    ALLOWED_ORIGINS: csv.refine((list) => list.every(isOrigin), { message: "must be comma-separated origins such as https://parti.example (scheme and host, no path)" }),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** How often the server looks for expired texts to purge. */
    AUDIT_PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
    /** How often the server signs a checkpoint of the chain head (only when it moved). */
    AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Append-only checkpoint file, outside the database; default DATA_DIR/audit-checkpoints.jsonl. */
    AUDIT_CHECKPOINT_FILE: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().optional()),
    /** Lifetime of an auditor's browser session. */
    AUDIT_SESSION_MINUTES: z.coerce.number().int().min(5).max(1440).default(480),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // --- Running at scale (README "Running at scale") ---
    /** Node processes serving one port (node:cluster): a number, or "auto" for one per CPU. More than 1 needs DATABASE_URL. */
    WORKERS: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)]).default(1),
    /** Set by the cluster primary in each worker (0-based, stable across restarts); worker 0 runs the audit tasks. */
    SCRUTIN_WORKER_INDEX: z.coerce.number().int().min(0).max(63).optional(),
    /** Connections per process in the Postgres pool (a cluster opens WORKERS × this many). */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Reverse proxies in front of the service whose X-Forwarded-For entries are trusted (0: use the socket address). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Chat requests one client may make per window (0: no per-client limit). */
    RATE_LIMIT_PER_CLIENT: z.coerce.number().int().min(0).max(1_000_000).default(30),
    /** Chat requests the whole service (every process) accepts per window (0: no global limit). */
    RATE_LIMIT_GLOBAL: z.coerce.number().int().min(0).max(100_000_000).default(3000),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Deadline of one chat turn, from request to final envelope. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** How long a stopping process waits for in-flight turns before it exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    /** Bearer token for GET /metrics; unset, /metrics is not served. */
    METRICS_TOKEN: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
    /** OTLP/HTTP collector base URL (traces go to <url>/v1/traces); unset, no spans are exported. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().min(1).default("scrutin"),
  })
  .superRefine((c, ctx) => {
    if (c.WORKERS !== 1 && !c.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["WORKERS"], message: "cluster mode (WORKERS > 1 or auto) needs DATABASE_URL: the embedded PGlite store serves one process only" });
    }
    if (c.COMPOSER === "llm" && !c.LLM_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["LLM_BASE_URL"], message: "is required when COMPOSER=llm" });
    }
    if (c.GUARD_LLM && !c.LLM_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["LLM_BASE_URL"], message: "is required when GUARD_LLM=on" });
    }
    if (c.EMBEDDINGS === "openai" && !c.EMBEDDINGS_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_BASE_URL"], message: "is required when EMBEDDINGS=openai" });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses an environment map; throws a ConfigError listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** The part of the configuration the corpus tools need, so an LLM setting cannot block them. */
export const CorpusConfigSchema = z.object(corpusFields);
export type CorpusConfig = z.infer<typeof CorpusConfigSchema>;

export function parseCorpusConfig(env: Record<string, string | undefined>): CorpusConfig {
  const result = CorpusConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

/** Where signed checkpoints of the audit chain are appended (outside the database). */
export function checkpointFile(config: Pick<Config, "AUDIT_CHECKPOINT_FILE" | "DATA_DIR">): string {
  return config.AUDIT_CHECKPOINT_FILE ?? path.join(config.DATA_DIR, "audit-checkpoints.jsonl");
}
