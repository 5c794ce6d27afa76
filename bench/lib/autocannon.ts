import { createRequire } from "node:module";

/** The part of autocannon's API the benchmarks use (the package ships no types). */
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}

export interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: CannonRequest[];
}

export interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

const autocannon = createRequire(import.meta.url)("autocannon") as (opts: CannonOptions, cb: (err: Error | null, res: CannonResult) => void) => unknown;

export function cannon(opts: CannonOptions): Promise<CannonResult> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}
