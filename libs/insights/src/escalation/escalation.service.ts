// The escalation ladder: an open question nobody has answered (or, if the asker asked for it,
// with no accepted answer) goes to the board's experts, then to the staff queue, on the board's
// schedule; a NEEDS_STAFF flag goes straight to staff. Every step is recorded once with its time.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, ForbiddenError, NotFoundError } from '@helpboard/core';
import { BoardService, resolveBoardSettings, type BoardSettingsValues } from '@helpboard/boards';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { ThreadStateService, ThreadStatus } from '@helpboard/threads';
import { dueSteps } from './escalation-ladder.js';
import { EscalationRepository } from './escalation.repository.js';
import { EscalationTier, type EscalationTrack } from './escalation.schema.js';
import { QuestionEscalated } from './question-escalated.event.js';

const RANK: Record<EscalationTier, number> = {
  [EscalationTier.NONE]: 0,
  [EscalationTier.EXPERTS]: 1,
  [EscalationTier.STAFF]: 2,
  [EscalationTier.CASE]: 3,
};
const tiersBelow = (tier: EscalationTier) => Object.values(EscalationTier).filter((t) => RANK[t] < RANK[tier]);

/** Settings allow experts after 1 minute at the earliest: younger questions need no look. */
const YOUNGEST_DUE_MS = 60_000;
const BATCH = 500;

@Injectable()
export class EscalationService {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly threads: ThreadStateService,
    private readonly boards: BoardService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async trackQuestion(threadId: string): Promise<void> {
    const thread = await this.threads.requireThread(threadId);
    await this.escalations.track({
      threadId: thread._id,
      boardId: thread.boardId,
      askerId: thread.authorId,
      title: thread.title,
      askedAt: thread.createdAt,
      untilAccepted: false,
      hasAnswer: thread.answerCount > 0,
      tier: EscalationTier.NONE,
      escalatedAt: null,
      settledAt: null,
    });
  }

  async answerPosted(threadId: string, at: Date): Promise<void> {
    const track = await this.escalations.updateTrack(new Types.ObjectId(threadId), { $set: { hasAnswer: true } });
    if (track && !track.untilAccepted) await this.settle(threadId, at);
  }

  /** Answered (or accepted), closed or hidden: off the ladder and out of the queues; cases go on. */
  async settle(threadId: string, at: Date): Promise<void> {
    const track = await this.escalations.findTrack(new Types.ObjectId(threadId));
    if (!track || track.settledAt || track.tier === EscalationTier.CASE) return;
    await this.escalations.updateTrack(track.threadId, { $set: { settledAt: at } });
  }

  /** The asker chooses whether help should keep coming until they accept an answer. */
  async setUntilAccepted(actor: Actor, threadId: string, untilAccepted: boolean): Promise<EscalationTrack> {
    const thread = await this.threads.requireThread(threadId);
    if (!thread.authorId.equals(actor.userId)) throw new ForbiddenError('NOT_THE_ASKER');
    const track = await this.escalations.findTrack(thread._id);
    if (!track) throw new NotFoundError('Thread', 'THREAD_NOT_FOUND');
    const isOpen = thread.status === ThreadStatus.OPEN && !thread.hiddenAt && !thread.acceptedAnswerId;
    const isSettled = track.tier !== EscalationTier.CASE && (!isOpen || (track.hasAnswer && !untilAccepted));
    return (await this.escalations.updateTrack(thread._id, {
      $set: { untilAccepted, settledAt: isSettled ? (track.settledAt ?? this.clock.now()) : null },
    }))!;
  }

  /** A NEEDS_STAFF flag: straight to the staff queue, skipping the experts. */
  async flaggedForStaff(threadId: string, at: Date): Promise<void> {
    const track = await this.escalations.findTrack(new Types.ObjectId(threadId));
    if (!track || track.settledAt) return;
    await this.takeStep(track, EscalationTier.STAFF, at, 'NEEDS_STAFF', null, at);
  }

  /** The scheduled job: takes every step that is due; returns how many it took. */
  async climb(): Promise<number> {
    const now = this.clock.now();
    const settingsByBoard = new Map<string, BoardSettingsValues['escalation']>();
    let taken = 0;
    const tracks = await this.escalations.climbing(new Date(now.getTime() - YOUNGEST_DUE_MS), BATCH);
    for (const track of tracks) {
      const boardKey = track.boardId.toHexString();
      if (!settingsByBoard.has(boardKey)) {
        const board = await this.boards.requireById(track.boardId);
        settingsByBoard.set(boardKey, resolveBoardSettings(board.settingsOverrides).escalation);
      }
      for (const due of dueSteps(track.tier, track.askedAt, settingsByBoard.get(boardKey)!, now)) {
        if (await this.takeStep(track, due.step, due.dueAt, 'SLA', null, now)) taken++;
      }
    }
    return taken;
  }

  /**
   * Moves the question to `step` unless it is already there or beyond, and records the step, in
   * one transaction; the event tells the people of that tier.
   */
  async takeStep(
    track: Pick<EscalationTrack, 'threadId' | 'boardId'>,
    step: EscalationTier,
    dueAt: Date,
    reason: string,
    actorId: string | null,
    now: Date,
  ): Promise<boolean> {
    return this.unitOfWork.run((tx) => this.takeStepIn(tx, track, step, dueAt, reason, actorId, now));
  }

  /** The same, inside the caller's transaction (a support case opens with its step). */
  async takeStepIn(
    tx: TransactionContext,
    track: Pick<EscalationTrack, 'threadId' | 'boardId'>,
    step: EscalationTier,
    dueAt: Date,
    reason: string,
    actorId: string | null,
    now: Date,
  ): Promise<boolean> {
    const moved = await this.escalations.advance(track.threadId, tiersBelow(step), step, now, tx.session);
    if (!moved) return false;
    const isNew = await this.escalations.recordStep(
      {
        threadId: track.threadId,
        boardId: track.boardId,
        step,
        dueAt,
        at: now,
        reason,
        actorId: actorId ? new Types.ObjectId(actorId) : null,
      },
      tx.session,
    );
    if (isNew) {
      tx.publishAfterCommit(
        new QuestionEscalated(track.boardId.toHexString(), track.threadId.toHexString(), step, reason, now),
      );
    }
    return isNew;
  }
}
