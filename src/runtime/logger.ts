import pino from "pino";
import type { Config } from "../config/env.js";

export type NodeLogger = pino.Logger;

/**
 * JSON lines on stdout (pino), one object per event, for a log shipper to collect. Lines
 * carry ids, kinds and timings, never a voter's question, answer or address.
 */
export function makeLogger(config: Pick<Config, "LOG_LEVEL" | "SCRUTIN_WORKER_INDEX">, destination?: pino.DestinationStream): NodeLogger {
  const base = { pid: process.pid, ...(config.SCRUTIN_WORKER_INDEX !== undefined ? { worker: config.SCRUTIN_WORKER_INDEX } : {}) };
  const options: pino.LoggerOptions = { level: config.LOG_LEVEL, base, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
