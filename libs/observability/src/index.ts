export * from './observability.module.js';
export * from './metrics/metrics.js';
export * from './tracing/tracing.js';
export * from './jobs/run-observed-job.js';
export * from './sharding/shard-targeting.js';
