import { fork, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ChatRequestBody } from "../../tests/support/fake-openai.js";

export interface FakeModelProc {
  /** Base URL including /v1. */
  url: string;
  /** The last request the model received, and when (epoch ms, sub-ms: performance.timeOrigin + now()). */
  last(): { body: ChatRequestBody; arrivedAt: number } | null;
  stop(): Promise<void>;
}

/** Starts bench/lib/fake-model-main.ts in its own process (tsx), as a model server runs apart from its clients. */
export async function startFakeModelProc(opts: { firstTokenMs: number; interTokenMs: number; cpu?: number }): Promise<FakeModelProc> {
  const child = fork(path.join(import.meta.dirname, "fake-model-main.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FIRST_TOKEN_MS: String(opts.firstTokenMs), INTER_TOKEN_MS: String(opts.interTokenMs) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // Kept off the core Scrutin's server is pinned to: a model server does not share its machine.
  if (opts.cpu !== undefined && existsSync("/usr/bin/taskset")) spawnSync("/usr/bin/taskset", ["-acp", String(opts.cpu), String(child.pid)], { stdio: "ignore" });
  let last: { body: ChatRequestBody; arrivedAt: number } | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fake model exited with ${code}`)));
    child.on("message", (m: { type: string; url?: string; body?: ChatRequestBody; arrivedAt?: number }) => {
      if (m.type === "ready") resolve(m.url!);
      else if (m.type === "request") last = { body: m.body!, arrivedAt: m.arrivedAt! };
    });
  });
  return {
    url,
    last: () => last,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
