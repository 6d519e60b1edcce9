export * from './redis-adapters.js';
export * from './redis-connection.js';
export * from './redis-pubsub.js';
export * from './redis-rate-limit-store.js';
export * from './bullmq-job-queue.js';
