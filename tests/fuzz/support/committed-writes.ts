// Which collections a request changed for good, read from the driver's command monitoring: writes
// outside a transaction that matched documents, and the writes of transactions it committed. A
// rejected call may write inside a transaction it then aborts; that changes nothing stored.
import type { CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import { currentRequestId } from '@helpboard/core';

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

function changedSomething(name: string, reply: Record<string, any>): boolean {
  if (name === 'findAndModify') return Boolean(reply.lastErrorObject?.n);
  if (name === 'update') return Boolean(reply.nModified || reply.upserted?.length);
  return Boolean(reply.n);
}

export class CommittedWrites {
  private readonly started = new Map<number, { requestId: string; name: string; collection: string; txn?: string }>();
  private readonly pendingTxns = new Map<string, Set<string>>();
  private readonly committed = new Map<string, Set<string>>();

  constructor(private readonly client: MongoClient) {
    client.on('commandStarted', this.onStarted);
    client.on('commandSucceeded', this.onSucceeded);
  }

  private readonly onStarted = (event: CommandStartedEvent) => {
    const requestId = currentRequestId();
    if (!requestId?.startsWith('fuzz-')) return;
    const command = event.command as Record<string, any>;
    // Transactions' commands carry autocommit: false; retryable writes carry a txnNumber only.
    const txn = command.autocommit === false ? `${command.lsid?.id?.toString('hex')}:${command.txnNumber}` : undefined;
    this.started.set(event.requestId, {
      requestId,
      name: event.commandName,
      collection: String(command[event.commandName]),
      txn,
    });
  };

  private readonly onSucceeded = (event: CommandSucceededEvent) => {
    const started = this.started.get(event.requestId);
    if (!started) return;
    this.started.delete(event.requestId);
    const reply = event.reply as Record<string, any>;
    if (started.name === 'commitTransaction' && started.txn) {
      for (const collection of this.pendingTxns.get(started.txn) ?? []) this.note(started.requestId, collection);
      this.pendingTxns.delete(started.txn);
    } else if (WRITES.has(started.name) && changedSomething(started.name, reply)) {
      if (!started.txn) this.note(started.requestId, started.collection);
      else this.pendingTxns.set(started.txn, (this.pendingTxns.get(started.txn) ?? new Set()).add(started.collection));
    }
  };

  private note(requestId: string, collection: string): void {
    this.committed.set(requestId, (this.committed.get(requestId) ?? new Set()).add(collection));
  }

  /** The collections the request with this id changed (and forgets them). */
  take(requestId: string): string[] {
    const collections = [...(this.committed.get(requestId) ?? [])].sort();
    this.committed.delete(requestId);
    return collections;
  }

  close(): void {
    this.client.off('commandStarted', this.onStarted);
    this.client.off('commandSucceeded', this.onSucceeded);
  }
}
