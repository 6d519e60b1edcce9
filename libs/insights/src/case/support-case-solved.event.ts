import { type DomainEvent } from '@helpboard/core';

/** Staff solved a support case (published after commit; the numbers count it as staff-resolved). */
export class SupportCaseSolved implements DomainEvent {
  static readonly type = 'SupportCaseSolved';
  readonly type = SupportCaseSolved.type;

  constructor(
    readonly boardId: string,
    readonly threadId: string,
    readonly caseId: string,
    readonly occurredAt: Date,
  ) {}
}
