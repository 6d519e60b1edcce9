import { type DomainEvent } from '@helpboard/core';
import type { BadgeKind, BadgeTier } from '../badges/badge.schema.js';

/** A user earned a badge on a board for the first time (awards are idempotent, so once per badge). */
export class BadgeEarned implements DomainEvent {
  static readonly type = 'BadgeEarned';
  readonly type = BadgeEarned.type;

  constructor(
    readonly userId: string,
    readonly boardId: string,
    readonly kind: BadgeKind,
    readonly tier: BadgeTier,
    /** The answer a per-answer badge is for; empty otherwise. */
    readonly subject: string,
    readonly occurredAt: Date,
  ) {}
}
