import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const WRANGLER = path.join(ROOT, "node_modules/wrangler/wrangler-dist/cli.js");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface WranglerDev {
  url: string;
  /** Milliseconds from spawn to wrangler's "Ready on" line (includes the index build step). */
  readyMs: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` of this repository's wrangler.toml on an ephemeral port, offline. The
 * node process running wrangler's CLI is spawned directly (no npx wrapper), so stopping
 * it by its own PID also stops its workerd children.
 */
export async function startWranglerDev(opts: { env: Record<string, string>; args?: string[]; timeoutMs?: number }): Promise<WranglerDev> {
  const [port, inspector] = [await freePort(), await freePort()];
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false", ...(opts.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (!/Ready on http/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, readyMs: Math.round(performance.now() - t0), output: () => out, stop };
}
