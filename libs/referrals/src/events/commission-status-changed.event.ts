import { type DomainEvent } from '@helpboard/core';
import type { CommissionReason, CommissionStatus } from '../commission/commission-state-machine.js';

/**
 * A commission was created (`from` null) or moved to another state; published after the commit
 * that wrote it. Notifications tells the rep.
 */
export class CommissionStatusChanged implements DomainEvent {
  static readonly type = 'CommissionStatusChanged';
  readonly type = CommissionStatusChanged.type;

  constructor(
    readonly commissionId: string,
    readonly ownerId: string,
    readonly operatorId: string,
    readonly boardId: string,
    readonly postId: string | null,
    readonly from: CommissionStatus | null,
    readonly to: CommissionStatus,
    readonly reason: CommissionReason | null,
    readonly amountMinor: number,
    readonly currency: string,
    readonly occurredAt: Date,
  ) {}
}
