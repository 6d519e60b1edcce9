import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../config/app-config.js';
import { InProcessJobQueue } from './in-process-job-queue.js';

const queue = (runsBackgroundJobs = true) => new InProcessJobQueue({ runsBackgroundJobs } as AppConfig);

describe('InProcessJobQueue', () => {
  it('runs a job when it is enqueued, and a key already done not again', async () => {
    const jobs = queue();
    const runs: unknown[] = [];
    jobs.define('count', async (payload) => void runs.push(payload.n));
    await jobs.enqueue('count', { n: 1 }, { idempotencyKey: 'k1' });
    await jobs.enqueue('count', { n: 1 }, { idempotencyKey: 'k1' });
    await jobs.enqueue('count', { n: 2 });
    expect(runs).toEqual([1, 2]);
  });

  it('shares one run between concurrent enqueues of one key', async () => {
    const jobs = queue();
    let runs = 0;
    jobs.define('slow', async () => {
      runs++;
      await new Promise((resolve) => setImmediate(resolve));
    });
    await Promise.all([
      jobs.enqueue('slow', {}, { idempotencyKey: 'same' }),
      jobs.enqueue('slow', {}, { idempotencyKey: 'same' }),
    ]);
    expect(runs).toBe(1);
  });

  it('hands a failure back to the caller, who keeps the work, and lets the key be tried again', async () => {
    const jobs = queue();
    let attempts = 0;
    jobs.define('flaky', async () => {
      attempts++;
      if (attempts === 1) throw new Error('database briefly unreachable');
    });
    await expect(jobs.enqueue('flaky', {}, { idempotencyKey: 'f' })).rejects.toThrow('database briefly unreachable');
    await jobs.enqueue('flaky', {}, { idempotencyKey: 'f' });
    expect(attempts).toBe(2);
  });

  it('refuses a job nobody defined', async () => {
    await expect(queue().enqueue('unknown', {})).rejects.toThrow('no handler for job unknown');
  });

  it('schedules nothing in a process that does not run background jobs', () => {
    const jobs = queue(false);
    let runs = 0;
    const stop = jobs.schedule('Tick', 1, async () => void runs++);
    stop();
    expect(runs).toBe(0);
  });
});
