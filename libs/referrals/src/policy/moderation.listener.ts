// Money follows moderation, inside moderation's transaction: a hidden post's pending commissions
// freeze (and thaw when it is restored); a deleted post's commissions are reversed (POST_REMOVED).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InTransactionHandlers } from '@helpboard/database';
import { PostDeleted } from '@helpboard/moderation';
import { PostHidden, PostRestored } from '@helpboard/threads';
import { CommissionReason } from '../commission/commission-state-machine.js';
import { CommissionService } from '../commission/commission.service.js';

@Injectable()
export class ReferralModerationListener implements OnModuleInit {
  constructor(
    private readonly handlers: InTransactionHandlers,
    private readonly commissions: CommissionService,
  ) {}

  onModuleInit(): void {
    this.handlers.on(PostHidden, (event, tx) =>
      this.commissions.setFrozenForPost(tx, event.postId, true, event.occurredAt, event.actorId),
    );
    this.handlers.on(PostRestored, (event, tx) =>
      this.commissions.setFrozenForPost(tx, event.postId, false, event.occurredAt, event.actorId),
    );
    this.handlers.on(PostDeleted, (event, tx) =>
      this.commissions.reverseForPost(tx, event.postId, CommissionReason.POST_REMOVED, event.occurredAt, event.actorId),
    );
  }
}
