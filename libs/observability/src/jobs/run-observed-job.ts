// What a job runner wraps each job in: a request context carrying the id of the request that
// caused the job (so its logs join that request's), a span and a duration/outcome metric.
import { currentRequestContext, runInRequestContext } from '@helpboard/core';
import type { Metrics } from '../metrics/metrics.js';
import { endSpan, SpanKind, startChildSpan } from '../tracing/tracing.js';

export interface ObservedJob {
  queue: string;
  /** The request id stored with the job when it was enqueued; a new one is made when absent. */
  requestId?: string;
  attributes?: Record<string, string | number>;
}

export function runObservedJob<T>(metrics: Metrics | undefined, job: ObservedJob, work: () => Promise<T>): Promise<T> {
  return runInRequestContext('job', job.requestId, async () => {
    const span = startChildSpan(`job ${job.queue}`, SpanKind.CONSUMER, {
      'helpboard.queue': job.queue,
      ...job.attributes,
    });
    currentRequestContext()!.span = span;
    const stopTimer = metrics?.jobDuration.startTimer({ queue: job.queue });
    try {
      const result = await work();
      stopTimer?.({ outcome: 'ok' });
      endSpan(span);
      return result;
    } catch (error) {
      stopTimer?.({ outcome: 'failed' });
      endSpan(span, error);
      throw error;
    }
  });
}
