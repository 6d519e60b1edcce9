// Every committed change to what a thread page or its search document shows goes through here:
// the outbox entry feeds other processes (the search indexer), the in-process event drops this
// instance's cached copies of the page at once.
import type { DomainEvent } from '@helpboard/core';
import type { TransactionContext } from '@helpboard/database';

/** Outbox topic: a thread's content or state changed (the indexer re-reads it). */
export const THREAD_CHANGED_TOPIC = 'thread.changed';

export class ThreadChanged implements DomainEvent {
  static readonly type = 'ThreadChanged';
  readonly type = ThreadChanged.type;
  constructor(
    readonly threadId: string,
    readonly occurredAt: Date,
  ) {}
}

export function markThreadChanged(tx: TransactionContext, threadId: string, at: Date): void {
  tx.enqueue(THREAD_CHANGED_TOPIC, { threadId });
  tx.publishAfterCommit(new ThreadChanged(threadId, at));
}

/**
 * Writes to one thread (answers, votes, comments, accepts) all update its row: they queue per
 * thread in this process rather than conflict (see UnitOfWork.run).
 */
export const threadWrites = (threadId: string) => ({ queueOn: `thread:${threadId}` });
