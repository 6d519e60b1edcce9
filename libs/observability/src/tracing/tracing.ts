// OpenTelemetry tracing hooks through @opentelemetry/api only: until the process registers an SDK
// (see docs/observability.md) every span here is a non-recording no-op costing a few object
// allocations, so the hooks stay on everywhere.
import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentRequestContext } from '@helpboard/core';

export const tracer = trace.getTracer('helpboard');

/** A span under the current request's span (or the active OpenTelemetry context when there is none). */
export function startChildSpan(name: string, kind: SpanKind, attributes: Record<string, string | number>): Span {
  const parent = currentRequestContext()?.span;
  const parentContext = parent ? trace.setSpan(context.active(), parent) : context.active();
  return tracer.startSpan(name, { kind, attributes }, parentContext);
}

export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

export { SpanKind };
