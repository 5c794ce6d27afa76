import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Config } from "../config/env.js";
import type { Logger } from "../serve/edge.js";
import { serveClusterMetrics } from "./metrics.js";

/**
 * V8 flags the workers start with. A chat turn allocates many short-lived strings (analysis,
 * composition, canonical JSON), so a larger young generation means fewer scavenges: about
 * 8% less CPU per turn in process and a higher median in the cluster bench (BENCHMARKS.md),
 * for ~100 MB more memory per worker. A flag the operator already gave (NODE_OPTIONS or the
 * primary's own) wins.
 */
export function workerExecArgv(primaryArgv: readonly string[], nodeOptions = ""): string[] {
  const given = (flag: string) => primaryArgv.some((a) => a.startsWith(flag)) || nodeOptions.includes(flag);
  return [...primaryArgv, ...(given("--max-semi-space-size") ? [] : ["--max-semi-space-size=64"])];
}

export function workerCount(config: Pick<Config, "WORKERS">): number {
  return config.WORKERS === "auto" ? availableParallelism() : config.WORKERS;
}

/**
 * The cluster primary: forks `n` workers that share one listening port (node:cluster
 * hands out connections), re-forks a worker that dies, forwards SIGTERM/SIGINT so every
 * worker finishes its in-flight turns, and exits when the last one has. Workers share
 * the Postgres store; the audit chain stays single because each append batch takes the
 * chain's advisory lock and reads the head inside its transaction.
 */
export function runPrimary(config: Pick<Config, "WORKERS" | "SHUTDOWN_TIMEOUT_MS">, logger: Logger): void {
  const n = workerCount(config);
  const byIndex = new Map<number, Worker>();
  const crashes: number[] = [];
  let stopping = false;
  serveClusterMetrics();
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });

  const fork = (index: number) => {
    // The index is stable across restarts: worker 0 is the one running the audit tasks.
    const w = cluster.fork({ SCRUTIN_WORKER_INDEX: String(index) });
    byIndex.set(index, w);
    w.on("exit", (code, signal) => {
      if (byIndex.get(index) === w) byIndex.delete(index);
      if (stopping) {
        if (byIndex.size === 0) {
          logger.info({}, "cluster stopped: every worker finished");
          process.exit(0);
        }
        return;
      }
      logger.error({ worker: index, code, signal }, "worker died; starting a replacement");
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - 60_000) crashes.shift();
      // A worker that cannot start (bad corpus, store down) would otherwise be re-forked in a tight loop.
      setTimeout(() => stopping || fork(index), Math.min(30_000, 250 * 2 ** Math.min(crashes.length, 7)));
    });
  };
  for (let i = 0; i < n; i++) fork(i);
  logger.info({ workers: n }, "cluster primary started");

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: byIndex.size }, "stopping the cluster: workers finish in-flight turns");
    for (const w of byIndex.values()) w.process.kill(signal);
    if (byIndex.size === 0) process.exit(0);
    setTimeout(() => {
      logger.error({ workers: byIndex.size }, "workers still running after the shutdown timeout; killing them");
      for (const w of byIndex.values()) w.process.kill("SIGKILL");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
