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

@Injectable()
export class UnitOfWork {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly outboxRepository: OutboxRepository,
    private readonly outboxRelay: OutboxRelay,
    private readonly bus: DomainEventBus,
    private readonly clock: Clock,
    private readonly inTransaction: InTransactionHandlers,
  ) {}

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const session = await this.connection.startSession();
    let committed: { result: T; tx: TransactionContext } | undefined;
    try {
      await session.withTransaction(async () => {
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
