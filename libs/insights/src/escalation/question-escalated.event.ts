import { type DomainEvent } from '@helpboard/core';
import type { EscalationTier } from './escalation.schema.js';

/** A question moved up a tier (experts, staff, or a support case). */
export class QuestionEscalated implements DomainEvent {
  static readonly type = 'QuestionEscalated';
  readonly type = QuestionEscalated.type;

  constructor(
    readonly boardId: string,
    readonly threadId: string,
    readonly tier: EscalationTier,
    readonly reason: string,
    readonly occurredAt: Date,
  ) {}
}
