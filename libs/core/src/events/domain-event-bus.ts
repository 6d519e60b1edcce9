// In-process publish/subscribe for domain events. Publishing happens after commit (see
// UnitOfWork), so a listener never sees a fact that was rolled back. Listeners must be quick;
// slow or cross-process work goes through the outbox instead.
import { Injectable, Logger } from '@nestjs/common';
import { type DomainEvent, type DomainEventClass } from './domain-event.js';

type Listener<E extends DomainEvent> = (event: E) => void | Promise<void>;

@Injectable()
export class DomainEventBus {
  private readonly logger = new Logger(DomainEventBus.name);
  private readonly listeners = new Map<string, Listener<DomainEvent>[]>();

  on<E extends DomainEvent>(eventClass: DomainEventClass<E>, listener: Listener<E>): () => void {
    const list = this.listeners.get(eventClass.type) ?? [];
    list.push(listener as Listener<DomainEvent>);
    this.listeners.set(eventClass.type, list);
    return () => {
      const index = list.indexOf(listener as Listener<DomainEvent>);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /**
   * Runs every listener of each event; a failing listener is logged and does not stop the
   * others, because the fact has already been committed.
   */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const listener of [...(this.listeners.get(event.type) ?? [])]) {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error({ err: error, event: event.type }, 'domain event listener failed');
        }
      }
    }
  }
}
