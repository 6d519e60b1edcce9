// Work another lib must do in the same transaction as the change that caused it (e.g. the
// reputation a vote gives commits with the vote). The owner publishes an event; handlers
// registered here run inside the transaction before it commits, and a failure aborts it all.
import { Injectable } from '@nestjs/common';
import type { DomainEvent, DomainEventClass } from '@helpboard/core';
import type { TransactionContext } from './unit-of-work.js';

type Handler<E extends DomainEvent> = (event: E, tx: TransactionContext) => Promise<void>;

@Injectable()
export class InTransactionHandlers {
  private readonly handlers = new Map<string, Handler<DomainEvent>[]>();

  on<E extends DomainEvent>(eventClass: DomainEventClass<E>, handler: Handler<E>): void {
    this.handlers.set(eventClass.type, [
      ...(this.handlers.get(eventClass.type) ?? []),
      handler as Handler<DomainEvent>,
    ]);
  }

  /** Runs the handlers of each event (including events they publish in turn) within `tx`. */
  async run(tx: TransactionContext, from = 0): Promise<void> {
    for (let i = from; i < tx.events.length; i++) {
      for (const handler of this.handlers.get(tx.events[i].type) ?? []) await handler(tx.events[i], tx);
    }
  }
}
