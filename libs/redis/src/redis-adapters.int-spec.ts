// The Redis adapters against a real redis-server: several "instances" (adapters on their own
// connections) share job keys, schedules, counters and live updates.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JobQueueUnavailableError } from '@helpboard/core';
import { eventually, freePort, hasRedis, RedisServer } from '../../../tests/scale/support/cluster.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { RedisConnection } from './redis-connection.js';
import { RedisPubSub } from './redis-pubsub.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

const describeWithRedis = hasRedis ? describe : describe.skip;

describeWithRedis('Redis adapters', () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  const queues: BullMqJobQueue[] = [];
  const connect = () => {
    const connection = new RedisConnection(server.url);
    connections.push(connection);
    return connection;
  };
  const jobQueue = (retries = { attempts: 3, backoffMs: 20 }) => {
    const queue = new BullMqJobQueue(connect(), { runsBackgroundJobs: true }, retries);
    queues.push(queue);
    return queue;
  };
  const start = async (queue: BullMqJobQueue) => {
    queue.onApplicationBootstrap();
    await eventually('redis connection', async () => queue.isHealthy());
  };

  beforeAll(async () => {
    Logger.overrideLogger(false); // the outage test's reconnect warnings are expected
    server = new RedisServer(await freePort());
    await server.start();
  });
  // Each test's instances stop with it: a worker without a test's handler must not take its jobs.
  afterEach(async () => {
    const stopping = queues.splice(0);
    await Promise.all(stopping.map((queue) => queue.beforeApplicationShutdown()));
    await Promise.all(stopping.map((queue) => queue.onApplicationShutdown()));
    await Promise.all(connections.splice(0).map((connection) => connection.onApplicationShutdown()));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs a job enqueued twice with one idempotency key once, on one of the instances', async () => {
    const [first, second] = [jobQueue(), jobQueue()];
    const runs: string[] = [];
    first.define('test.once', async (payload) => void runs.push(`first:${String(payload.n)}`));
    second.define('test.once', async (payload) => void runs.push(`second:${String(payload.n)}`));
    await Promise.all([start(first), start(second)]);
    await first.enqueue('test.once', { n: 1 }, { idempotencyKey: 'once:1' });
    await second.enqueue('test.once', { n: 1 }, { idempotencyKey: 'once:1' });
    await second.enqueue('test.once', { n: 2 }, { idempotencyKey: 'once:2' });
    await eventually('both jobs', async () => runs.length >= 2);
    expect(runs.map((run) => run.split(':')[1]).sort()).toEqual(['1', '2']);
    expect((await first.lag()).waiting).toBe(0);
  });

  it('retries a failing job with backoff and dead-letters it after the last attempt', async () => {
    const queue = jobQueue({ attempts: 3, backoffMs: 10 });
    let attempts = 0;
    queue.define('test.failing', async () => {
      attempts++;
      throw new Error('the mail server said no');
    });
    await start(queue);
    const before = (await queue.lag()).deadLettered;
    await queue.enqueue('test.failing', {}, { idempotencyKey: 'failing-1' });
    await eventually('the dead letter', async () => (await queue.lag()).deadLettered > before);
    expect(attempts).toBe(3);
  });

  it('runs a periodic job once per interval however many instances schedule it', async () => {
    const instances = [jobQueue(), jobQueue(), jobQueue()];
    const runs: number[] = [];
    await Promise.all(instances.map(start));
    instances.forEach((queue, index) => queue.schedule('TestTick', 150, async () => void runs.push(index)));
    await eventually('several runs', async () => runs.length >= 4);
    // Each run is one scheduled slot's job: no slot ran on two instances.
    const { Queue } = await import('bullmq');
    const reader = new Queue('jobs', { connection: { url: server.url }, prefix: 'helpboard' });
    const slots = (await reader.getJobs(['completed', 'active'])).filter((job) => job.name === 'periodic.TestTick');
    expect(new Set(slots.map((job) => job.id)).size).toBe(slots.length);
    expect(runs.length).toBeLessThanOrEqual(slots.length + instances.length); // + runs finishing right now
    expect((await reader.getJobSchedulers()).filter((s) => s.key === 'TestTick')).toHaveLength(1);
    await reader.close();
  });

  it('shares rate-limit counters and attempt reservations between instances, each one atomic', async () => {
    const [a, b] = [new RedisRateLimitStore(connect()), new RedisRateLimitStore(connect())];
    await eventually('redis connections', async () => connections.every((c) => c.isConnected));
    const now = new Date();
    expect((await a.hit('test:shared', 60_000, now)).count).toBe(1);
    expect((await b.hit('test:shared', 60_000, now, 5)).count).toBe(6);

    // 20 parallel attempts from two instances: the free three are allowed, the rest blocked.
    const policy = { freeAttempts: 3, windowMs: 60_000, firstBlockMs: 30_000, maxBlockMs: 60_000 };
    const reservations = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserveAttempt('test:attempts', policy, now)),
    );
    expect(reservations.filter((r) => r.isAllowed)).toHaveLength(3);
    const refused = reservations.find((r) => !r.isAllowed) as { retryAt: Date };
    expect(refused.retryAt.getTime()).toBe(now.getTime() + 30_000);
    // A right password gives its attempt back: under the free attempts the block is lifted.
    await a.releaseAttempt('test:attempts', policy);
    expect((await b.reserveAttempt('test:attempts', policy, now)).isAllowed).toBe(true);
    expect((await a.reserveAttempt('test:attempts', policy, now)).isAllowed).toBe(false);
    await b.forgetAttempts('test:attempts');
    expect((await a.reserveAttempt('test:attempts', policy, now)).isAllowed).toBe(true);
  });

  it('delivers live updates published on one instance to subscribers on another, dates intact', async () => {
    const [publisher, subscriber] = [new RedisPubSub(connect()), new RedisPubSub(connect())];
    await eventually('redis connections', async () => connections.every((c) => c.isConnected));
    const received: unknown[] = [];
    const id = await subscriber.subscribe('test-topic', (payload) => void received.push(payload), {});
    const at = new Date('2026-12-01T10:00:00Z');
    await publisher.publish('test-topic', { activity: { kind: 'ANSWER_POSTED', at } });
    await eventually('the message', async () => received.length > 0);
    expect(received[0]).toEqual({ activity: { kind: 'ANSWER_POSTED', at } });
    subscriber.unsubscribe(id);
  });

  it('refuses work at once while Redis is unreachable, and takes it again once it is back', async () => {
    const queue = jobQueue();
    const runs: string[] = [];
    queue.define('test.outage', async (payload) => void runs.push(String(payload.n)));
    await start(queue);
    await server.stop();
    await eventually('the connection to notice', async () => !(await queue.isHealthy()));
    await expect(queue.enqueue('test.outage', { n: 1 })).rejects.toBeInstanceOf(JobQueueUnavailableError);
    await server.start();
    await eventually('the reconnection', async () => queue.isHealthy());
    await queue.enqueue('test.outage', { n: 2 });
    await eventually('the job after the outage', async () => runs.includes('2'));
  });
});
