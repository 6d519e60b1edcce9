// Reads the shared job queue the way an operator would (BullMQ's own API), to check how often
// jobs ran, and the engine's collections for effects (sent mail).
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { JOB_KEY_PREFIX, JOB_QUEUE_NAME } from '@helpboard/redis';
import { eventually } from './cluster.js';

export function openQueue(redisUrl: string): Queue {
  const queue = new Queue(JOB_QUEUE_NAME, {
    connection: { url: redisUrl, maxRetriesPerRequest: 1 },
    prefix: JOB_KEY_PREFIX,
  });
  queue.on('error', () => undefined); // the fault tests stop Redis on purpose
  return queue;
}

/**
 * The jobs as they are once each has finished. A worker marks a job finished just after its
 * effect (a mail, a badge), so a test that saw the effect waits a moment for the mark.
 */
export function finishedJobs(queue: Queue, jobs: readonly Job[]): Promise<Job[]> {
  return eventually('the jobs marked finished', async () => {
    const current = await Promise.all(jobs.map(async (job) => (await queue.getJob(job.id!))!));
    return current.every((job) => job.finishedOn) && current;
  });
}

/** How many Redis subscribers listen on a GraphQL subscription trigger (any instance). */
export async function subscribersOf(redisUrl: string, trigger: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const [, count] = (await redis.pubsub('NUMSUB', `helpboard:pubsub:${trigger}`)) as [string, number];
    return Number(count);
  } finally {
    redis.disconnect();
  }
}

/** Runs `use` with the engine's database (the effects jobs leave there). */
export async function withDatabase<T>(uri: string, use: (db: ReturnType<MongoClient['db']>) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await use(client.db());
  } finally {
    await client.close();
  }
}
