// Runs commands against the store: picks the handler, the view (committed or transaction),
// waits until what changed is on disk before replying, and answers errors as MongoDB does.
import { Binary, type Document, Timestamp } from 'bson';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminCommands } from './commands/admin-commands.js';
import { type CommandContext, type CommandHandler, CursorRegistry, type ServerInfo } from './commands/context.js';
import { explainCommands } from './commands/explain-command.js';
import { readCommands } from './commands/read-commands.js';
import { serverCommands } from './commands/server-commands.js';
import { writeCommands } from './commands/write-commands.js';
import { MongoCommandError, writeConflict } from './errors.js';
import { CommittedView, type DocumentView, TransactionView } from './storage/document-view.js';
import { type Operation, Store } from './storage/store.js';
import { noSuchTransaction, Transaction, TransactionManager } from './storage/transaction.js';
import { LogicalClock } from './replies/cluster-time.js';
import { CloseConnection, FailPoints } from './replies/fail-points.js';
import { labelErrors, writeConcernErrorFor } from './replies/reply-decorations.js';
import { sessionCommands } from './commands/session-commands.js';

const HANDLERS: Record<string, CommandHandler> = {
  ...serverCommands,
  ...readCommands,
  ...writeCommands,
  ...adminCommands,
  ...explainCommands,
  ...sessionCommands,
};
const HANDLERS_BY_LOWER_NAME = new Map(
  Object.entries(HANDLERS).map(([name, handler]) => [name.toLowerCase(), handler]),
);
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
/** How many sessions $listLocalSessions can list (mongod's cache holds about as many). */
const REMEMBERED_SESSIONS = 10_000;
/** mongod's uid for sessions without authentication: SHA-256 of the empty user name. */
const UNAUTHENTICATED_UID = new Binary(createHash('sha256').update('').digest(), 0);
/** How many retryable-write replies to remember (drivers retry at once, so a few suffice). */
const RETRYABLE_REPLY_CACHE = 1000;

export function sessionKey(lsid: Document | undefined): string | undefined {
  const id = lsid?.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return id === undefined ? undefined : String(id);
}

/** What the server knows of the connection a command came on. */
export interface ConnectionInfo {
  /** The client's application name, from its handshake (fail points can target it). */
  appName?: string;
}

export { CloseConnection };

export class Engine {
  readonly clock = new LogicalClock();
  /** mongod's test commands (configureFailPoint), present only when enabled at start. */
  readonly failPoints?: FailPoints;
  readonly transactions: TransactionManager;
  readonly cursors = new CursorRegistry();
  /** Retryable writes: the reply already given for (lsid, txnNumber), so a retry is not applied twice. */
  private readonly retryReplies = new Map<string, Document>();
  /** Sessions seen recently, as $listLocalSessions reports them (most recent last). */
  private readonly sessionsInUse = new Map<string, Document>();
  /** Collections and indexes created by running transactions, applied when they commit. */
  private readonly createdInTransactions = new WeakMap<Transaction, Operation[]>();

  constructor(
    readonly server: ServerInfo,
    readonly store: Store,
  ) {
    this.transactions = new TransactionManager(store);
    if (server.enableTestCommands) this.failPoints = new FailPoints();
  }

  /**
   * Runs a command and answers as mongod: with error labels, the write concern's outcome and the
   * cluster time. Throws CloseConnection when a fail point says to hang up instead.
   */
  async run(command: Document, connection: ConnectionInfo = {}): Promise<Document> {
    const name = Object.keys(command)[0] ?? '';
    const failure = this.failPoints?.failureFor(name, connection.appName);
    if (failure?.closeConnection) throw new CloseConnection();
    if (failure?.blockTimeMS) await sleep(failure.blockTimeMS);
    const reply: Document = failure?.errorReply ? { ...failure.errorReply } : { ...(await this.answer(name, command)) };
    if (reply.ok !== 0) {
      const concernError = failure?.writeConcernError ?? writeConcernErrorFor(command);
      if (concernError) reply.writeConcernError = concernError;
    }
    if (failure?.errorLabels) reply.errorLabels = failure.errorLabels;
    else labelErrors(name, command, reply);
    return this.clock.stamp(reply);
  }

  private async answer(name: string, command: Document): Promise<Document> {
    try {
      return await this.dispatch(name, command);
    } catch (error) {
      if (error instanceof MongoCommandError) return error.toReply();
      return new MongoCommandError('BadValue', error instanceof Error ? error.message : String(error)).toReply();
    }
  }

  private async dispatch(name: string, command: Document): Promise<Document> {
    const now = new Date();
    const lsid = sessionKey(command.lsid as Document | undefined);
    if (name === 'commitTransaction' || name === 'abortTransaction') {
      return this.endTransaction(name, lsid, Number(command.txnNumber), now);
    }
    if (name === 'configureFailPoint' && this.failPoints) return this.failPoints.configure(command);
    const afterClusterTime = (command.readConcern as Document | undefined)?.afterClusterTime;
    if (afterClusterTime instanceof Timestamp) this.clock.reach(afterClusterTime);
    const handler = HANDLERS[name] ?? HANDLERS_BY_LOWER_NAME.get(name.toLowerCase());
    if (!handler) throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);

    if (lsid) this.noteSessionUse(lsid, command.lsid as Document, now);
    const transaction = this.transactionFor(command, lsid, now);
    assertReadConcernSupported(name, command, transaction !== undefined);
    const retryKey =
      !transaction && lsid && command.txnNumber !== undefined && WRITE_COMMANDS.has(name)
        ? `${lsid}:${command.txnNumber}`
        : undefined;
    if (retryKey && this.retryReplies.has(retryKey)) return this.retryReplies.get(retryKey)!;

    const view: DocumentView = transaction
      ? new TransactionView(this.store, this.transactions, transaction)
      : new CommittedView(this.store, this.transactions);
    const schemaOperations: Operation[] = [];
    const context: CommandContext = {
      store: this.store,
      transactions: this.transactions,
      cursors: this.cursors,
      server: this.server,
      view,
      db: (command.$db as string) ?? 'admin',
      now,
      localSessions: () => [...this.sessionsInUse.values()],
      applyOperations: (operations) => {
        if (transaction) return this.deferUntilCommit(name, transaction, operations);
        this.store.apply(operations);
        schemaOperations.push(...operations);
      },
    };
    try {
      const reply = await handler(command, context);
      if (retryKey) this.rememberReply(retryKey, reply);
      return reply;
    } catch (error) {
      // As in MongoDB, a failed statement aborts its transaction.
      if (transaction) this.transactions.abort(transaction);
      throw error;
    } finally {
      const operations = [...schemaOperations, ...(view instanceof CommittedView ? view.operations : [])];
      if (operations.length > 0) this.clock.tick(); // on disk already: each apply commits durably
    }
  }

  private transactionFor(command: Document, lsid: string | undefined, now: Date): Transaction | undefined {
    if (command.autocommit !== false || !lsid) return undefined;
    const txnNumber = Number(command.txnNumber);
    if (command.startTransaction === true) return this.transactions.begin(lsid, txnNumber, now.getTime());
    const transaction = this.transactions.get(lsid, txnNumber, now.getTime());
    if (transaction.state !== 'active') throw noSuchTransaction(txnNumber);
    return transaction;
  }

  private async endTransaction(
    name: string,
    lsid: string | undefined,
    txnNumber: number,
    now: Date,
  ): Promise<Document> {
    if (!lsid) throw new MongoCommandError('BadValue', `${name} must be run within a session`);
    const transaction = this.transactions.get(lsid, txnNumber, now.getTime());
    if (name === 'abortTransaction') {
      if (transaction.state === 'committed') {
        throw new MongoCommandError('BadValue', 'Cannot call abortTransaction after calling commitTransaction.');
      }
      this.transactions.abort(transaction);
      return { ok: 1 };
    }
    if (transaction.state === 'committed') return { ok: 1 }; // a retried commit
    if (transaction.state === 'aborted') throw noSuchTransaction(txnNumber);
    const created = this.createdInTransactions.get(transaction) ?? [];
    try {
      this.store.apply(created);
    } catch (error) {
      // Another client created the same collection meanwhile: as in MongoDB, the transaction loses.
      this.transactions.abort(transaction);
      if (error instanceof MongoCommandError && error.codeName === 'NamespaceExists') throw writeConflict();
      throw error;
    }
    let operations: Operation[];
    try {
      operations = [...created, ...this.transactions.commit(transaction)];
    } catch (error) {
      this.store.apply(created.map(undoCreation).reverse());
      throw error;
    }
    if (operations.length > 0) this.clock.tick(); // on disk already: each apply commits durably
    return { ok: 1 };
  }

  /**
   * Collections and indexes created in a transaction exist for it at once and for others from
   * its commit (MongoDB 4.4+). Other schema changes are not allowed in a transaction.
   */
  private deferUntilCommit(name: string, transaction: Transaction, operations: Operation[]): void {
    for (const operation of operations) {
      if (operation.op !== 'createCollection' && operation.op !== 'createIndex')
        throw new MongoCommandError(
          'OperationNotSupportedInTransaction',
          `Cannot run '${name}' in a multi-document transaction.`,
        );
      transaction.overlay(operation.ns);
    }
    let created = this.createdInTransactions.get(transaction);
    if (!created) this.createdInTransactions.set(transaction, (created = []));
    created.push(...operations);
  }

  private noteSessionUse(key: string, lsid: Document, now: Date): void {
    this.sessionsInUse.delete(key);
    this.sessionsInUse.set(key, { _id: { id: lsid.id, uid: UNAUTHENTICATED_UID }, lastUse: now });
    if (this.sessionsInUse.size > REMEMBERED_SESSIONS)
      this.sessionsInUse.delete(this.sessionsInUse.keys().next().value!);
  }

  private rememberReply(key: string, reply: Document): void {
    this.retryReplies.set(key, reply);
    if (this.retryReplies.size > RETRYABLE_REPLY_CACHE)
      this.retryReplies.delete(this.retryReplies.keys().next().value!);
  }

  /** Removes documents whose TTL index says they expired. */
  sweepExpired(now: Date): Promise<number> {
    return this.removeExpired(now);
  }

  private async removeExpired(now: Date): Promise<number> {
    const view = new CommittedView(this.store, this.transactions);
    let removed = 0;
    for (const collections of this.store.databases.values()) {
      for (const collection of collections.values()) {
        for (const index of collection.indexes.values()) {
          const seconds = index.spec.expireAfterSeconds;
          if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
          const cutoff = new Date(now.getTime() - seconds * 1000);
          for (const { key } of view.find(collection.ns, { [index.fields[0]]: { $lt: cutoff } })) {
            if (this.transactions.lockHolder(collection.ns, key)) continue; // next sweep
            view.delete(collection.ns, key);
            removed++;
          }
        }
      }
    }
    if (view.operations.length > 0) this.clock.tick();
    return removed;
  }
}

function undoCreation(operation: Operation): Operation {
  if (operation.op === 'createCollection') return { op: 'dropCollection', ns: operation.ns };
  if (operation.op === 'createIndex') return { op: 'dropIndex', ns: operation.ns, name: operation.spec.name };
  return operation;
}

/** Commands taking `readConcern: {level: "snapshot"}` outside a transaction (mongod 5.0+). */
const SNAPSHOT_READS = new Set(['find', 'aggregate', 'distinct']);

/** As mongod: snapshot read concern outside a transaction only on the reads that support it. */
function assertReadConcernSupported(name: string, command: Document, isInTransaction: boolean): void {
  const level = (command.readConcern as Document | undefined)?.level;
  if (level !== 'snapshot' || isInTransaction || SNAPSHOT_READS.has(name)) return;
  throw new MongoCommandError(
    'InvalidOptions',
    `Command ${name} does not support { readConcern: { level: "snapshot" } } outside a multi-document transaction`,
  );
}
