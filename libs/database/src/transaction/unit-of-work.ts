// Runs a use case in one MongoDB transaction: its writes, its outbox messages and its domain
// events commit together or not at all. Transient errors (write conflicts, failovers) retry the
// whole unit, so `work` must be safe to run more than once and only act through `tx`.
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ClientSession, Connection, mongo } from 'mongoose';
import { Clock, type DomainEvent, DomainEventBus } from '@helpboard/core';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { InTransactionHandlers } from './in-transaction-handlers.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';

/** One small document per serialised scope (see TransactionContext.serializeOn). */
const LOCKS_COLLECTION = 'transaction_locks';

export class TransactionContext {
  readonly events: DomainEvent[] = [];
  readonly outbox: { topic: string; payload: Record<string, unknown> }[] = [];

  constructor(
    readonly session: ClientSession,
    private readonly locks: mongo.Collection<{ _id: string; taken: number }>,
  ) {}

  /**
   * Makes transactions that take the same key run one after another. For a check that reads many
   * documents and then inserts a new one (a limit counted over recent rows, the third close vote),
   * snapshot isolation lets concurrent transactions all pass the check, since none writes what the
   * others read; writing one shared lock document makes all but the first conflict and retry.
   * Keys name one user's or one thread's scope, so the lock is never a hot document.
   */
  async serializeOn(key: string): Promise<void> {
    await this.locks.updateOne({ _id: key }, { $inc: { taken: 1 } }, { upsert: true, session: this.session });
  }

  /** Published in-process once the transaction has committed. */
  publishAfterCommit(event: DomainEvent): void {
    this.events.push(event);
  }

  /** Written to the outbox inside the transaction, for work in other processes. */
  enqueue(topic: string, payload: Record<string, unknown>): void {
    this.outbox.push({ topic, payload });
  }
}

/** Enough for a burst of identical requests: each retry finds one more winner's row. */
const DUPLICATE_KEY_ATTEMPTS = 3;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/**
 * Why a unit ran again: the driver's withTransaction reran it after a TransientTransactionError
 * (a write conflict with another transaction, a failover), or we reran it after it lost a race on
 * a unique key. Both are normal under concurrency; their rate says how much writers fight.
 */
export type TransactionRetryReason = 'transient' | 'duplicate_key';

@Injectable()
export class UnitOfWork {
  private readonly retryListeners: ((reason: TransactionRetryReason) => void)[] = [];
  /** The last unit queued per hot key (see `run`). */
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly outboxRepository: OutboxRepository,
    private readonly outboxRelay: OutboxRelay,
    private readonly bus: DomainEventBus,
    private readonly clock: Clock,
    private readonly inTransaction: InTransactionHandlers,
  ) {}

  /**
   * `queueOn` names the hot document the unit writes (e.g. `thread:<id>`): units with the same
   * key run one after another in this process instead of at once. Concurrent transactions on one
   * document conflict, and each conflict aborts and reruns all but one of them, so fifty votes on
   * one post at once cost some 1,250 attempts; in line they cost fifty. (Across processes they
   * still meet, and the retries below settle that.)
   */
  run<T>(work: (tx: TransactionContext) => Promise<T>, options: { queueOn?: string } = {}): Promise<T> {
    if (!options.queueOn) return this.runRetrying(work);
    const key = options.queueOn;
    const previous = this.lanes.get(key) ?? Promise.resolve();
    const result = previous.then(() => this.runRetrying(work));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(key, settled);
    void settled.then(() => {
      if (this.lanes.get(key) === settled) this.lanes.delete(key);
    });
    return result;
  }

  private async runRetrying<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        // Two writers inserting the same unique key at once (two identical votes, two follows):
        // the loser's transaction aborted; run again, it now reads the winner's row and acts on it.
        if (!isDuplicateKey(error) || attempt >= DUPLICATE_KEY_ATTEMPTS) throw error;
        this.retried('duplicate_key');
      }
    }
  }

  /** Tells `listener` of every rerun of a unit (the metrics count them). */
  onRetry(listener: (reason: TransactionRetryReason) => void): void {
    this.retryListeners.push(listener);
  }

  private retried(reason: TransactionRetryReason): void {
    for (const listener of this.retryListeners) listener(reason);
  }

  private async runOnce<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const session = await this.connection.startSession();
    let committed: { result: T; tx: TransactionContext } | undefined;
    let attempts = 0;
    try {
      await session.withTransaction(async () => {
        // The driver calls this again only after a TransientTransactionError.
        if (++attempts > 1) this.retried('transient');
        // A retried attempt starts from scratch: nothing from an aborted attempt may leak out.
        const tx = new TransactionContext(session, this.connection.collection(LOCKS_COLLECTION));
        const result = await work(tx);
        await this.inTransaction.run(tx);
        await this.outboxRepository.append(session, tx.outbox, this.clock.now());
        committed = { result, tx };
      });
    } finally {
      await session.endSession();
    }
    if (!committed) throw new Error('transaction ended without committing');
    await this.bus.publish(committed.tx.events);
    if (committed.tx.outbox.length > 0) void this.outboxRelay.nudge();
    return committed.result;
  }
}
