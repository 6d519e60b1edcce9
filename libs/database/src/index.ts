export * from './database.module.js';
export * from './database-health.js';
export * from './embedded-mongo.host.js';
export * from './transaction/unit-of-work.js';
export * from './outbox/outbox-relay.js';
export * from './transaction/in-transaction-handlers.js';
export * from './bulk/present-ids.js';
export * from './after-commit/after-commit-jobs.js';
