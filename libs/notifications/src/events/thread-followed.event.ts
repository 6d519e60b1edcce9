import { type DomainEvent } from '@helpboard/core';

/** Someone started following a thread (not the asker's automatic follow); insights credits its answerers. */
export class ThreadFollowed implements DomainEvent {
  static readonly type = 'ThreadFollowed';
  readonly type = ThreadFollowed.type;

  constructor(
    readonly userId: string,
    readonly threadId: string,
    readonly occurredAt: Date,
  ) {}
}
