import { describe, expect, it } from "vitest";
import { parseConfig, parseCorpusConfig } from "./env.js";

describe("configuration", () => {
  it("has working defaults: the embedded store in ./data and the offline composer", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 8787, DATA_DIR: "./data", COMPOSER: "extractive", EMBEDDINGS: "hashing" });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ COMPOSER: "gpt" }, "COMPOSER"],
    [{ COMPOSER: "llm" }, "LLM_BASE_URL"],
    [{ LLM_BASE_URL: "not a url" }, "LLM_BASE_URL"],
    [{ RETENTION_DAYS: "0" }, "RETENTION_DAYS"],
    [{ CORPUS_ALLOWED_DOMAINS: "https://www.electionsquebec.qc.ca/" }, "CORPUS_ALLOWED_DOMAINS"],
    [{ PARTY_CONTACT_EMAIL: "not-an-email" }, "PARTY_CONTACT_EMAIL"],
    [{ PARTY_CONTACT_URL: "javascript:alert(1)" }, "PARTY_CONTACT_URL"],
    [{ DEMO_PAGE: "maybe" }, "DEMO_PAGE"],
  ])("rejects %o with a message naming %s", (env, name) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  it("serves the demo page unless DEMO_PAGE=off; party contacts are optional", () => {
    expect(parseConfig({}).DEMO_PAGE).toBe(true);
    expect(parseConfig({ DEMO_PAGE: "off" }).DEMO_PAGE).toBe(false);
    const c = parseConfig({ PARTY_CONTACT_EMAIL: " vie-privee@parti.example ", PARTY_CONTACT_URL: "" });
    expect(c.PARTY_CONTACT_EMAIL).toBe("vie-privee@parti.example");
    expect(c.PARTY_CONTACT_URL).toBeUndefined();
  });

  it("treats an empty optional URL as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", LLM_BASE_URL: " " }).DATABASE_URL).toBeUndefined();
  });

  it("allows corpus sources from the official domains unless CORPUS_ALLOWED_DOMAINS replaces them", () => {
    expect(parseConfig({}).CORPUS_ALLOWED_DOMAINS).toEqual(["electionsquebec.qc.ca", "elections.quebec", "legisquebec.gouv.qc.ca"]);
    expect(parseConfig({ CORPUS_ALLOWED_DOMAINS: " ElectionsQuebec.qc.ca , elections.quebec " }).CORPUS_ALLOWED_DOMAINS).toEqual(["electionsquebec.qc.ca", "elections.quebec"]);
  });

  it("parses the corpus tools' settings alone, so an LLM misconfiguration does not block them", () => {
    expect(parseCorpusConfig({ COMPOSER: "llm", CORPUS_DIR: "/srv/corpus" })).toEqual({ CORPUS_DIR: "/srv/corpus", CORPUS_ALLOWED_DOMAINS: ["electionsquebec.qc.ca", "elections.quebec", "legisquebec.gouv.qc.ca"] });
    expect(() => parseCorpusConfig({ CORPUS_ALLOWED_DOMAINS: "not a domain" })).toThrow(/CORPUS_ALLOWED_DOMAINS: must be comma-separated domain names/);
  });
});

describe("configuration for running at scale", () => {
  it("defaults to one process, per-client and global chat limits, a turn deadline, and no metrics or tracing", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ WORKERS: 1, DATABASE_POOL_MAX: 10, TRUST_PROXY: 0, RATE_LIMIT_PER_CLIENT: 30, RATE_LIMIT_GLOBAL: 3000, RATE_LIMIT_WINDOW_SECONDS: 60, REQUEST_TIMEOUT_MS: 30_000 });
    expect(c.METRICS_TOKEN).toBeUndefined();
    expect(c.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it("refuses cluster mode without a Postgres server, naming the reason", () => {
    expect(() => parseConfig({ WORKERS: "2" })).toThrow(/WORKERS: cluster mode .* needs DATABASE_URL/);
    expect(() => parseConfig({ WORKERS: "auto" })).toThrow(/needs DATABASE_URL/);
    expect(parseConfig({ WORKERS: "auto", DATABASE_URL: "postgres://db/scrutin" }).WORKERS).toBe("auto");
  });

  it.each([
    [{ ALLOWED_ORIGINS: "parti.example" }, "ALLOWED_ORIGINS"],
    [{ ALLOWED_ORIGINS: "https://parti.example/page" }, "ALLOWED_ORIGINS"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY"],
    [{ WORKERS: "0", DATABASE_URL: "postgres://db/x" }, "WORKERS"],
  ])("rejects %o with a message naming %s", (env, name) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  it("accepts party origins as a list", () => {
    expect(parseConfig({ ALLOWED_ORIGINS: "https://parti.example, http://localhost:5173" }).ALLOWED_ORIGINS).toEqual(["https://parti.example", "http://localhost:5173"]);
  });
});
