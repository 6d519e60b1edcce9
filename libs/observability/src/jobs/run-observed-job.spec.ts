import { describe, expect, it } from '@jest/globals';
import { type Span, type SpanOptions, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { currentRequestId } from '@helpboard/core';
import { Metrics } from '../metrics/metrics.js';
import { startChildSpan, SpanKind } from '../tracing/tracing.js';
import { runObservedJob } from './run-observed-job.js';

/** The smallest recording tracer: what an SDK would export, kept in an array. */
function recordingProvider(ended: { name: string; parent?: string; failed: boolean }[]): TracerProvider {
  const tracer: Tracer = {
    startSpan(name: string, _options?: SpanOptions, context?: Parameters<Tracer['startSpan']>[2]): Span {
      const parent = context ? (trace.getSpan(context) as (Span & { spanName?: string }) | undefined) : undefined;
      let failed = false;
      const span = {
        spanName: name,
        isRecording: () => true,
        setStatus: () => ((failed = true), span),
        recordException: () => undefined,
        setAttribute: () => span,
        setAttributes: () => span,
        updateName: () => span,
        spanContext: () => ({
          traceId: '1'.repeat(32),
          spanId: name.length.toString().padStart(16, '0'),
          traceFlags: 1,
        }),
        end: () => ended.push({ name, parent: parent?.spanName, failed }),
      } as unknown as Span & { spanName: string };
      return span;
    },
    startActiveSpan: (() => undefined) as never,
  };
  return { getTracer: () => tracer };
}

describe('runObservedJob', () => {
  it('runs the job under the request id it was enqueued with, in a span, and times it by outcome', async () => {
    const ended: { name: string; parent?: string; failed: boolean }[] = [];
    trace.setGlobalTracerProvider(recordingProvider(ended));
    const metrics = new Metrics();
    try {
      const seen = await runObservedJob(metrics, { queue: 'search-index', requestId: 'req-42' }, async () => {
        startChildSpan('mongodb.find', SpanKind.CLIENT, {}).end();
        return currentRequestId();
      });
      expect(seen).toBe('req-42');
      await expect(
        runObservedJob(metrics, { queue: 'search-index' }, () => Promise.reject(new Error('backend down'))),
      ).rejects.toThrow('backend down');
      expect(ended).toEqual([
        { name: 'mongodb.find', parent: 'job search-index', failed: false },
        { name: 'job search-index', parent: undefined, failed: false },
        { name: 'job search-index', parent: undefined, failed: true },
      ]);
      const text = await metrics.render();
      expect(text).toContain('helpboard_job_duration_seconds_count{queue="search-index",outcome="ok"} 1');
      expect(text).toContain('helpboard_job_duration_seconds_count{queue="search-index",outcome="failed"} 1');
    } finally {
      trace.disable();
    }
  });

  it('reports registered queues and skips one whose probe fails', async () => {
    const metrics = new Metrics();
    metrics.registerQueue('mail', async () => ({
      waiting: 3,
      active: 1,
      delayed: 0,
      failed: 2,
      oldestWaitingSeconds: 12,
    }));
    metrics.registerQueue('broken', () => Promise.reject(new Error('redis down')));
    const text = await metrics.render();
    expect(text).toContain('helpboard_queue_jobs{queue="mail",state="waiting"} 3');
    expect(text).toContain('helpboard_queue_lag_seconds{queue="mail"} 12');
    expect(text).not.toContain('queue="broken"');
  });
});
