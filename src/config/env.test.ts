import { describe, expect, it } from "vitest";
import { parseConfig } from "./env.js";

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
  ])("rejects %o with a message naming %s", (env, name) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  it("treats an empty optional URL as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", LLM_BASE_URL: " " }).DATABASE_URL).toBeUndefined();
  });
});
