import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/audit/cli.js";
import { parseConfig } from "../src/config/env.js";
import { makeRuntime } from "../src/deps.js";
import { answer } from "../src/pipeline/answer.js";
import { FIXTURE_CORPUS } from "./support/runtime.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

/** The real command, as `npm run audit -- …` runs it, in its own process. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "src/audit/cli.ts", ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** The same command in this process (faster), capturing its output. */
async function inProcess(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(args, env, { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  return { code, out: lines.join("\n") };
}

let dataDir: string;
let env: Record<string, string>;
let conversationId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-cli-"));
  env = { DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS };
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run audit (embedded store in DATA_DIR)", () => {
  it("refuses a DATA_DIR without a store rather than creating an empty one", async () => {
    const r = await inProcess(["verify"], env);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/No audit store in/);
  });

  it("refuses to open the store while the server holds it, and says why", async () => {
    const runtime = await makeRuntime(parseConfig(env));
    try {
      const first = await answer({ message: "Quelles pièces d'identité dois-je présenter pour voter?" }, runtime.deps);
      conversationId = first.conversationId;
      await answer({ message: "Who will win the election?" }, runtime.deps);
      const r = await cli(["verify"], env);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/open in another process \(pid \d+: scrutin server/);
      expect(r.err).toMatch(/DATABASE_URL/);
    } finally {
      await runtime.close();
    }
  });

  it("verifies the store the server left, in its own process, exit code 0", async () => {
    const r = await cli(["verify"], env);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK: audit chain/);
    expect(r.out).toMatch(/turns 2: signatures valid 2/);
  });

  it("creates, lists and revokes tokens; the secret is printed once and stored only as a hash", async () => {
    const created = await inProcess(["token", "create", "--name", "Vérificatrice", "--role", "auditor"], env);
    expect(created.code).toBe(0);
    const secret = /scrutin_audit_[A-Za-z0-9_-]{43}/.exec(created.out)![0];
    const id = /token ([0-9a-f]{12})/.exec(created.out)![1]!;
    const listed = await inProcess(["token", "list"], env);
    expect(listed.out).toMatch(new RegExp(`${id}\\s+auditor\\s+Vérificatrice`));
    expect(listed.out).not.toContain(secret);
    expect((await inProcess(["token", "revoke", id], env)).code).toBe(0);
    expect((await inProcess(["token", "list"], env)).out).toMatch(/REVOKED/);
    expect((await inProcess(["token", "create", "--name", "x", "--role", "root"], env)).code).toBe(2);
  });

  it("erases a conversation, purges, signs checkpoints, and the chain still verifies", async () => {
    const erased = await inProcess(["erase", "--conversation", conversationId, "--reason", "Demande 2026-04", "--by", "dpo"], env);
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/Erased the texts of 1 row\(s\)/);
    expect((await inProcess(["erase", "--conversation", "nope-nope", "--reason", "x y z"], env)).code).toBe(2);
    const purged = await inProcess(["purge", "--before", new Date(Date.now() + 60_000).toISOString()], env);
    expect(purged.out).toMatch(/Purged the texts of \d+ row\(s\)/);
    const cp = await inProcess(["checkpoint"], env);
    expect(JSON.parse(cp.out)).toMatchObject({ type: "scrutin.audit.checkpoint/1" });
    const verified = await inProcess(["verify"], env);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/purged 2/);
  });

  it("exports, and verifies the export offline; bad usage exits 2 with help", async () => {
    const out = path.join(dataDir, "bundle.ndjson");
    expect((await inProcess(["export", "--out", out, "--from", "2020-01-01"], env)).code).toBe(0);
    const r = await inProcess(["verify-export", out, "--json"], {});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, form: "ndjson", firstBad: null });
    const bad = await inProcess(["export"], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/export needs --out/);
    expect((await inProcess(["export", "--out", path.join(dataDir, "x"), "--to", "31/12/2026"], env)).code).toBe(2);
    expect((await inProcess(["frobnicate"], env)).code).toBe(2);
  });
});

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn("[skipped] audit CLI beside a running server on Postgres: set DATABASE_URL to run it");

describe.skipIf(!DATABASE_URL)("npm run audit (PostgreSQL server, DATABASE_URL)", () => {
  it("runs beside the running service on the same store", async () => {
    const { privateSchema } = await import("./support/audit.js");
    const { startTestServer } = await import("./support/runtime.js");
    const schema = await privateSchema(DATABASE_URL!, "audit_cli");
    const srv = await startTestServer({ DATABASE_URL: schema.url });
    try {
      await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message: "What ID do I need to show to vote?" }) });
      const cliEnv = { DATA_DIR: srv.dataDir, DATABASE_URL: schema.url };
      const token = await inProcess(["token", "create", "--name", "pg auditor", "--role", "auditor"], cliEnv);
      expect(token.code).toBe(0);
      const verified = await inProcess(["verify"], cliEnv);
      expect(verified.out).toMatch(/^OK: audit chain in the PostgreSQL server/);
      expect(verified.code).toBe(0);
      const secret = /scrutin_audit_[A-Za-z0-9_-]{43}/.exec(token.out)![0];
      const res = await fetch(`${srv.url}/api/audit/turns`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.status).toBe(200);
    } finally {
      await srv.close();
      await schema.drop();
    }
  });
});
