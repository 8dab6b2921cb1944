import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../logger.ts';

/** A started tracer provider: flush and stop it before the process exits. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** How a process traces. */
export interface TracingOptions {
  /** `service.name` of this process's spans: `crucible-server`, `crucible-worker`, `crucible-cli`. */
  serviceName: string;
  logger: Logger;
  /** Environment to read the switch from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Span processors to use instead of the OTLP exporter (tests pass an in-memory exporter); tracing then starts
   * whatever the environment says.
   */
  spanProcessors?: SpanProcessor[];
}

/**
 * Whether the environment asks for traces: `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
 * set, or `CRUCIBLE_TRACING=otlp` (OTLP/HTTP to the exporter's default http://localhost:4318); never when
 * `OTEL_SDK_DISABLED=true` or `CRUCIBLE_TRACING=off`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.CRUCIBLE_TRACING === 'off') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.CRUCIBLE_TRACING === 'otlp');
}

/**
 * Starts OpenTelemetry tracing for this process when requested (see {@link tracingRequested}) or when span
 * processors are given: a tracer provider with the process's service name, AsyncLocalStorage context and the W3C
 * trace-context propagator, registered globally, exporting spans in batches over OTLP/HTTP (endpoint, headers and
 * timeouts from the standard `OTEL_EXPORTER_OTLP_*` variables). Off by default: returns null and every span the
 * platform creates is a no-op.
 */
export function startTracing(options: TracingOptions): Tracing | null {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return null;
  const spanProcessors = options.spanProcessors ?? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  if (!options.spanProcessors) {
    const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318';
    options.logger.info({ serviceName: options.serviceName, endpoint }, 'tracing on: exporting spans over OTLP');
  }
  return {
    shutdown: async () => {
      await provider.shutdown().catch((error: unknown) => options.logger.warn({ err: error }, 'tracing: flushing spans failed'));
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
