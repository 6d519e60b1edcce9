// Runs commands against the store: picks the handler, the view (committed or transaction),
// waits until what changed is on disk before replying, and answers errors as MongoDB does.
import { Binary, type Document } from 'bson';
import { adminCommands } from './commands/admin-commands.js';
import { type CommandContext, type CommandHandler, CursorRegistry, type ServerInfo } from './commands/context.js';
import { explainCommands } from './commands/explain-command.js';
import { readCommands } from './commands/read-commands.js';
import { serverCommands } from './commands/server-commands.js';
import { writeCommands } from './commands/write-commands.js';
import { MongoCommandError } from './errors.js';
import { CommittedView, type DocumentView, TransactionView } from './storage/document-view.js';
import { type Operation, Store } from './storage/store.js';
import { noSuchTransaction, Transaction, TransactionManager } from './storage/transaction.js';

const HANDLERS: Record<string, CommandHandler> = {
  ...serverCommands,
  ...readCommands,
  ...writeCommands,
  ...adminCommands,
  ...explainCommands,
};
const HANDLERS_BY_LOWER_NAME = new Map(
  Object.entries(HANDLERS).map(([name, handler]) => [name.toLowerCase(), handler]),
);
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
/** How many retryable-write replies to remember (drivers retry at once, so a few suffice). */
const RETRYABLE_REPLY_CACHE = 1000;

export function sessionKey(lsid: Document | undefined): string | undefined {
  const id = lsid?.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return id === undefined ? undefined : String(id);
}

export class Engine {
  readonly transactions: TransactionManager;
  readonly cursors = new CursorRegistry();
  /** Retryable writes: the reply already given for (lsid, txnNumber), so a retry is not applied twice. */
  private readonly retryReplies = new Map<string, Document>();

  constructor(
    readonly server: ServerInfo,
    readonly store: Store,
  ) {
    this.transactions = new TransactionManager(store);
  }

  async run(command: Document): Promise<Document> {
    const name = Object.keys(command)[0] ?? '';
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
    const handler = HANDLERS[name] ?? HANDLERS_BY_LOWER_NAME.get(name.toLowerCase());
    if (!handler) throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);

    const transaction = this.transactionFor(command, lsid, now);
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
      applyOperations: (operations) => {
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
      if (operations.length > 0) await this.store.durable();
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
    const operations = this.transactions.commit(transaction);
    if (operations.length > 0) await this.store.durable();
    return { ok: 1 };
  }

  private rememberReply(key: string, reply: Document): void {
    this.retryReplies.set(key, reply);
    if (this.retryReplies.size > RETRYABLE_REPLY_CACHE)
      this.retryReplies.delete(this.retryReplies.keys().next().value!);
  }

  /** Removes documents whose TTL index says they expired. */
  async sweepExpired(now: Date): Promise<number> {
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
    if (view.operations.length > 0) await this.store.durable();
    return removed;
  }
}
