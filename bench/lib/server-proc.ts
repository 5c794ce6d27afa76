import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ServerProc {
  url: string;
  pid: number;
  /** The "ready in N ms" the server printed. */
  readyMs: number;
  /** Its DATA_DIR (signing key, checkpoint file); removed by stop(). */
  dataDir: string;
  log: string[];
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The real Node server (src/server.ts) in its own process, on an ephemeral port, with a
 * fresh DATA_DIR, pinned to `cpu` with taskset when available so the load generator in
 * this process does not compete with it for a core.
 */
export async function startServer(env: Record<string, string>, opts: { cpu?: number; timeoutMs?: number } = {}): Promise<ServerProc> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-bench-srv-"));
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server under test only (a CPU profile, say); NODE_OPTIONS would reach the load generator too.
  const args = [...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", path.join(ROOT, "src/server.ts")];
  const pin = opts.cpu !== undefined && existsSync("/usr/bin/taskset");
  const cmd = pin ? "/usr/bin/taskset" : process.execPath;
  const argv = pin ? ["-c", String(opts.cpu), process.execPath, ...args] : args;
  const child: ChildProcess = spawn(cmd, argv, {
    cwd: ROOT,
    // Rate limits off: the bench is one client measuring capacity, not the limiter.
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CORPUS_DIR: path.join(ROOT, "corpus"), AUDIT_CHECKPOINT_SECONDS: "60", RATE_LIMIT_PER_CLIENT: "0", RATE_LIMIT_GLOBAL: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const ready = new Promise<{ url: string; readyMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log.join("")}`)), opts.timeoutMs ?? 180_000);
    let ready = false;
    // The server logs a line per turn: once it is up, keep only the latest output (for error
    // messages) and stop searching it, or the load generator's own process would spend a core
    // re-reading a growing log on every chunk while it is measuring the server.
    const keep = (d: Buffer) => {
      log.push(d.toString());
      if (log.length > 400) log.splice(0, log.length - 200);
    };
    const onData = (d: Buffer) => {
      keep(d);
      if (ready) return;
      const m = /listening on (http:\/\/[^\s]+) .*ready in (\d+) ms/.exec(log.join(""));
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: m[1]!, readyMs: Number(m[2]) });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", keep);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log.join("")}`));
    });
  });
  const { url, readyMs } = await ready;
  return {
    url,
    pid: child.pid!,
    readyMs,
    dataDir,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(t);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Pins this process (the load generator) to `cpus`, returning a function that restores it. */
export async function pinSelf(cpus: string): Promise<() => Promise<void>> {
  if (!existsSync("/usr/bin/taskset")) return async () => undefined;
  const run = (args: string[]) =>
    new Promise<string>((resolve) => {
      const p = spawn("/usr/bin/taskset", args, { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      p.stdout.on("data", (d: Buffer) => (out += d.toString()));
      p.on("exit", () => resolve(out));
    });
  const before = /:\s*(\S+)\s*$/.exec(await run(["-cp", String(process.pid)]))?.[1];
  await run(["-acp", cpus, String(process.pid)]);
  return async () => {
    if (before) await run(["-acp", before, String(process.pid)]);
  };
}
