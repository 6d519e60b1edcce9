// What mongod adds to a reply after running a command: error labels drivers act on, and the
// write concern's outcome on a one-member replica set.
import { type Document } from 'bson';
import { RETRYABLE_WRITE_CODES } from '../errors.js';

const RETRYABLE_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
const ENDS_TRANSACTION = new Set(['commitTransaction', 'abortTransaction']);
/** Codes mongod itself treats as transient inside a transaction (besides the retryable ones). */
const TRANSIENT_IN_TRANSACTION = new Set([112, 24, 251]); // WriteConflict, LockTimeout, NoSuchTransaction

const DATA_BEARING_NODES = 1;
const NO_SUCH_TRANSACTION = 251;

/**
 * RetryableWriteError on a retryable write (or transaction end) failing with a retryable code
 * or write concern error; TransientTransactionError on a transaction statement failing with a
 * transient one. Labels already chosen (by the engine or a fail point) are kept.
 */
export function labelErrors(name: string, command: Document, reply: Document): void {
  if (reply.errorLabels) return;
  const labels: string[] = [];
  const code = reply.ok === 0 ? Number(reply.code) : undefined;
  const concernCode = reply.writeConcernError ? Number((reply.writeConcernError as Document).code) : undefined;
  const isInTransaction = command.autocommit === false;
  const endsTransaction = ENDS_TRANSACTION.has(name);
  const isRetryableWrite =
    endsTransaction || (RETRYABLE_WRITES.has(name) && command.txnNumber !== undefined && !isInTransaction);
  const isRetryableCode = (c: number | undefined) => c !== undefined && RETRYABLE_WRITE_CODES.has(c);
  if (isRetryableWrite && (isRetryableCode(code) || isRetryableCode(concernCode))) labels.push('RetryableWriteError');
  if (isInTransaction && !endsTransaction && code !== undefined)
    if (isRetryableCode(code) || TRANSIENT_IN_TRANSACTION.has(code)) labels.push('TransientTransactionError');
  // A commit or abort that finds no transaction: retrying the whole transaction is safe unless
  // a write concern error says the outcome is unknown (mongod's isTransientTransactionError).
  if (endsTransaction && code === NO_SUCH_TRANSACTION && concernCode === undefined)
    labels.push('TransientTransactionError');
  if (labels.length > 0) reply.errorLabels = labels;
}

/**
 * The write concern's outcome: one node satisfies w: 1 and "majority"; a larger w can never be
 * met (mongod: UnsatisfiableWriteConcern), a tag set name is unknown.
 */
export function writeConcernErrorFor(command: Document): Document | undefined {
  const w = (command.writeConcern as Document | undefined)?.w;
  if (typeof w === 'number' && w > DATA_BEARING_NODES)
    return { code: 100, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes' };
  if (typeof w === 'string' && w !== 'majority')
    return { code: 79, codeName: 'UnknownReplWriteConcern', errmsg: `Unrecognized write concern mode: ${w}` };
  return undefined;
}
