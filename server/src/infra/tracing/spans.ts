import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

/** Tracer name of every span the platform creates. */
const tracerName = 'crucible';

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) of the span that enqueued a job, carried in the job's
 * payload beside its correlation id so the worker continues the same trace. Empty when tracing is off.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Options of one span. */
export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context (default: the active one). */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span named `name` and ends it when `work` settles; an error is recorded on the
 * span (status ERROR) and rethrown. Without a registered tracer provider (tracing off) the span is a no-op.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(tracerName);
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span's trace context for a job payload (`{}` when no span is recording or tracing is off). */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/**
 * The remote parent context a job payload carries (its `traceparent`/`tracestate`), or the root context when it
 * carries none or an invalid one (the task then starts a new trace).
 */
export function contextFromCarrier(payload: unknown): Context {
  const source = (payload ?? {}) as Record<string, unknown>;
  const carrier: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate'] as const) if (typeof source[key] === 'string') carrier[key] = source[key];
  return propagation.extract(ROOT_CONTEXT, carrier);
}

export { SpanKind };
