export * from './reputation.module.js';
export * from './reputation-verifier.js';
export { STARTING_REPUTATION } from './reputation.service.js';
export { ReputationKind } from './ledger/reputation-entry.schema.js';
export * from './verify.command.js';
export * from './reputation-reader.js';
export { BadgeKind, BadgeTier } from './badges/badge.schema.js';
export { BountyService } from './bounties/bounty.service.js';
export { SerialVotingJob, SERIAL_VOTE_THRESHOLD } from './serial-voting.job.js';
