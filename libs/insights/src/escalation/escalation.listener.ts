// Keeps the ladder in step with the threads and moderation libs, and tells each tier's people
// when a question reaches them.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainEventBus } from '@helpboard/core';
import { BoardRole, MembershipService } from '@helpboard/boards';
import { FlagReason, ModerationAction, ModerationActionTaken, PostFlagged } from '@helpboard/moderation';
import { NotificationKind, Notifier } from '@helpboard/notifications';
import { ReputationReader } from '@helpboard/reputation';
import { AnswerAccepted, AnswerPosted, QuestionAsked } from '@helpboard/threads';
import { EscalationRepository } from './escalation.repository.js';
import { EscalationTier } from './escalation.schema.js';
import { EscalationService } from './escalation.service.js';
import { QuestionEscalated } from './question-escalated.event.js';

const ENDING_ACTIONS = new Set<ModerationAction>([
  ModerationAction.CLOSE,
  ModerationAction.HIDE,
  ModerationAction.DELETE,
]);

/** Who is told when a question reaches a tier (a case tells the asker that staff took it). */
const TIER_ROLES: Partial<Record<EscalationTier, BoardRole[]>> = {
  [EscalationTier.EXPERTS]: [BoardRole.EXPERT],
  [EscalationTier.STAFF]: [BoardRole.STAFF, BoardRole.OWNER],
};

/** Besides the board's experts, its most reputed users are asked (peers who answer well). */
export const HIGH_REPUTATION_ANSWERERS = 10;
export const HIGH_REPUTATION_MINIMUM = 200;

@Injectable()
export class EscalationListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly escalation: EscalationService,
    private readonly escalations: EscalationRepository,
    private readonly memberships: MembershipService,
    private readonly notifier: Notifier,
    private readonly reputation: ReputationReader,
  ) {}

  onModuleInit(): void {
    this.bus.on(QuestionAsked, (event) => this.escalation.trackQuestion(event.threadId));
    this.bus.on(AnswerPosted, (event) => this.escalation.answerPosted(event.threadId, event.occurredAt));
    this.bus.on(AnswerAccepted, (event) => this.escalation.settle(event.threadId, event.occurredAt));
    this.bus.on(ModerationActionTaken, async (event) => {
      const isQuestion = event.targetType === 'thread' || event.targetId === event.threadId;
      if (event.threadId && isQuestion && ENDING_ACTIONS.has(event.action)) {
        await this.escalation.settle(event.threadId, event.occurredAt);
      }
    });
    this.bus.on(PostFlagged, async (event) => {
      if (event.reason === FlagReason.NEEDS_STAFF)
        await this.escalation.flaggedForStaff(event.threadId, event.occurredAt);
    });
    this.bus.on(QuestionEscalated, (event) => this.tellTier(event));
  }

  private async tellTier(event: QuestionEscalated): Promise<void> {
    const track = await this.escalations.findTrack(new Types.ObjectId(event.threadId));
    if (!track) return;
    const roles = TIER_ROLES[event.tier];
    const askerId = track.askerId.toHexString();
    let recipients = [askerId];
    if (roles) {
      recipients = (await this.memberships.usersWithRoles(track.boardId, roles)).map((m) => m.userId.toHexString());
      if (event.tier === EscalationTier.EXPERTS) {
        const reputed = await this.reputation.topOnBoard(
          event.boardId,
          HIGH_REPUTATION_ANSWERERS,
          HIGH_REPUTATION_MINIMUM,
        );
        recipients.push(...reputed.map((row) => row.userId));
      }
      recipients = recipients.filter((id) => id !== askerId);
    }
    await this.notifier.notify(recipients, {
      kind: NotificationKind.ESCALATION,
      key: `escalation:${event.threadId}:${event.tier}`,
      boardId: event.boardId,
      threadId: event.threadId,
      postId: event.threadId,
      params: { title: track.title, variant: event.tier },
      at: event.occurredAt,
    });
  }
}
