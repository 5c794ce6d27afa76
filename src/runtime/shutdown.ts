import type { Server } from "node:http";
import type { Logger } from "../serve/edge.js";

/**
 * Stops one serving process: the listening socket closes at once (new connections are
 * refused; in a cluster the primary stops sending this worker any), requests in flight,
 * streaming turns included, run to their end, then `finish` flushes the audit log and
 * closes the store. Past `timeoutMs` the process exits with status 1 rather than hang.
 */
export function gracefulShutdown(server: Server, opts: { timeoutMs: number; logger: Logger; finish: () => Promise<void>; exit?: (code: number) => void }): (signal: string) => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return (signal) => {
    if (started) return;
    started = true;
    opts.logger.info({ signal }, "stopping: refusing new connections, finishing in-flight turns, then flushing the audit log");
    const force = setTimeout(() => {
      opts.logger.error({ timeoutMs: opts.timeoutMs }, "shutdown timed out with requests still in flight");
      exit(1);
    }, opts.timeoutMs);
    // Keep-alive connections that go idle after close() would hold it open until they time out.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      opts.finish().then(
        () => {
          clearTimeout(force);
          opts.logger.info({}, "stopped cleanly");
          exit(0);
        },
        (err: unknown) => {
          clearTimeout(force);
          opts.logger.error({ err }, "shutdown failed while flushing the audit log");
          exit(1);
        },
      );
    });
  };
}
