import type { AuditService } from "./service.js";

/**
 * The server's audit housekeeping: purge texts past the retention period at start-up
 * and every `purgeMinutes`, and sign a checkpoint of the chain head every
 * `checkpointSeconds` when it moved. Jobs run one at a time; failures are reported,
 * never fatal: the next run tries again.
 */
export function startAuditTasks(
  svc: AuditService,
  opts: { checkpointSeconds: number; purgeMinutes: number; report: (msg: string, err?: unknown) => void },
): { stop: () => Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const serial = (job: () => Promise<void>) => {
    if (stopped) return running;
    running = running.then(job);
    return running;
  };
  const purge = async () => {
    try {
      const out = await svc.purgeExpired({ type: "system", name: "retention" });
      if (out.count > 0) {
        const notes = out.compaction.notes.length > 0 ? ` (${out.compaction.notes.join("; ")})` : "";
        opts.report(`retention: purged the texts of ${out.count} audit row(s) created before ${out.cutoff.toISOString()} (event ${out.event?.seq})${notes}`);
      }
    } catch (err) {
      opts.report("retention purge failed", err);
    }
  };
  const checkpoint = async () => {
    try {
      await svc.checkpoint();
    } catch (err) {
      opts.report("audit checkpoint failed", err);
    }
  };
  void serial(purge);
  void serial(checkpoint);
  const timers = [setInterval(() => void serial(checkpoint), opts.checkpointSeconds * 1000), setInterval(() => void serial(purge), opts.purgeMinutes * 60_000)];
  for (const t of timers) t.unref();
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
