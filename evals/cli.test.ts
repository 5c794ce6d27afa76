/**
 * `npm run eval` as CI and staff run it: the exit code is the verdict (0 met, 1 a threshold
 * missed, 2 usage error), the reports are written, CI runs leave the kept history alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readThresholds } from "./suite/thresholds.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const run = (args: string[]) => spawnSync("npx", ["tsx", "evals/run.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe("npm run eval", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "scrutin-eval-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 0 when every gated threshold is met, writes the reports, and appends to the history unless --ci", async () => {
    const history = path.join(dir, "history.jsonl");
    const r = run(["--only", "answerable-voting", "--out", dir, "--history", history]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/answerable-voting\s+86\s+100\.0%/);
    expect(r.stdout).toMatch(/^PASS/m);
    for (const f of ["report.json", "report.html", "junit.xml"]) await access(path.join(dir, f));
    expect(await readFile(path.join(dir, "junit.xml"), "utf8")).toMatch(/<testsuite name="eval answerable-voting" tests="\d+" failures="0"/);
    expect((await readFile(history, "utf8")).trim().split("\n")).toHaveLength(1);
    expect(run(["--only", "answerable-voting", "--out", dir, "--history", history, "--ci"]).status).toBe(0);
    expect((await readFile(history, "utf8")).trim().split("\n")).toHaveLength(1);
  }, 120_000);

  it("exits 1 when a threshold is missed, naming it", async () => {
    const t = await readThresholds();
    const file = path.join(dir, "strict.json");
    await writeFile(file, JSON.stringify({ ...t, default: { ...t.default, latencyP95Ms: 0 } }));
    const r = run(["--only", "conversations", "--out", dir, "--no-history", "--thresholds", file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ conversations: latencyP95Ms = \d+ \(max 0\)/);
  }, 120_000);

  it("a waiver holds a missed target down to its floor; --strict ignores it: the verdict against the targets alone", async () => {
    const t = await readThresholds();
    const file = path.join(dir, "waived.json");
    // A target the set misses (MRR 0.99 on the conversations), waived down to 0.5.
    await writeFile(file, JSON.stringify({ ...t, datasets: { ...t.datasets, conversations: { mrr: 0.99 } }, waivers: { conversations: { mrr: { floor: 0.5, reason: "planted by the CLI test" } } } }));
    const waived = run(["--only", "conversations", "--out", dir, "--no-history", "--thresholds", file]);
    expect(waived.status, waived.stdout + waived.stderr).toBe(0);
    expect(waived.stdout).toMatch(/PASS WITH WAIVERS: 1 target\(s\) missed/);
    const strict = run(["--only", "conversations", "--out", dir, "--no-history", "--thresholds", file, "--strict"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/FAIL: 1 threshold\(s\) missed \(--strict: waivers ignored\)/);
  }, 120_000);

  it("exits 2 on a usage error", () => {
    const r = run(["--only", "no-such-set"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown dataset\(s\): no-such-set/);
  });
});
