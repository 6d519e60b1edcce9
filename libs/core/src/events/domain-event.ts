// Facts in the past tense that a lib publishes after its transaction commits.

export interface DomainEvent {
  /** Stable name, e.g. `AnswerAccepted`; also the outbox topic when the event must leave the process. */
  readonly type: string;
  readonly occurredAt: Date;
}

/** An event class: its static `type` names the events it builds. */
export interface DomainEventClass<E extends DomainEvent> {
  readonly type: string;
  new (...args: never[]): E;
}
