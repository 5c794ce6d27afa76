import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Config } from "../config/env.js";

export interface Tracing {
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers an OpenTelemetry tracer provider exporting spans over OTLP/HTTP (JSON) to
 * `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`; without an endpoint the API stays a no-op
 * and spans cost nothing. The app creates its spans through @opentelemetry/api only.
 */
export function startTracing(config: Pick<Config, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_SERVICE_NAME" | "SCRUTIN_WORKER_INDEX">): Tracing | null {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT.endsWith("/") ? config.OTEL_EXPORTER_OTLP_ENDPOINT : `${config.OTEL_EXPORTER_OTLP_ENDPOINT}/`;
  const exporter = new OTLPTraceExporter({ url: new URL("v1/traces", base).toString() });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      "service.name": config.OTEL_SERVICE_NAME,
      "service.instance.id": `${process.pid}${config.SCRUTIN_WORKER_INDEX !== undefined ? `-w${config.SCRUTIN_WORKER_INDEX}` : ""}`,
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
