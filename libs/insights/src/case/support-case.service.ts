// Support cases: board staff convert an escalated (or any open) question into a private case,
// move it between open, waiting-on-customer and solved, and the asker is told at each step.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { NotificationKind, Notifier } from '@helpboard/notifications';
import { ThreadChanged, ThreadStateService } from '@helpboard/threads';
import { EscalationRepository } from '../escalation/escalation.repository.js';
import { EscalationTier } from '../escalation/escalation.schema.js';
import { EscalationService } from '../escalation/escalation.service.js';
import { SupportCaseSolved } from './support-case-solved.event.js';
import { SupportCaseRepository } from './support-case.repository.js';
import { type SupportCaseRecord, SupportCaseState } from './support-case.schema.js';

/** Which state changes make sense; anything may be solved, and a solved case may be reopened. */
const TRANSITIONS: Record<SupportCaseState, SupportCaseState[]> = {
  [SupportCaseState.OPEN]: [SupportCaseState.WAITING_ON_CUSTOMER, SupportCaseState.SOLVED],
  [SupportCaseState.WAITING_ON_CUSTOMER]: [SupportCaseState.OPEN, SupportCaseState.SOLVED],
  [SupportCaseState.SOLVED]: [SupportCaseState.OPEN],
};

const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;

@Injectable()
export class SupportCaseService {
  constructor(
    private readonly cases: SupportCaseRepository,
    private readonly escalations: EscalationRepository,
    private readonly escalation: EscalationService,
    private readonly threads: ThreadStateService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly notifier: Notifier,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async escalateToCase(actor: Actor, threadId: string, reason: string): Promise<SupportCaseRecord> {
    const thread = await this.threads.requireThread(threadId);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) {
      throw new InvalidInputError([{ field: 'reason', message: 'LENGTH_OUT_OF_RANGE', params: { min: 3, max: 500 } }]);
    }
    await this.escalation.trackQuestion(threadId); // questions asked before the ladder existed
    const now = this.clock.now();
    const record: SupportCaseRecord = {
      _id: new Types.ObjectId(),
      threadId: thread._id,
      boardId: thread.boardId,
      askerId: thread.authorId,
      state: SupportCaseState.OPEN,
      reason: why,
      openedBy: new Types.ObjectId(actor.userId),
      openedAt: now,
      updatedAt: now,
      solvedAt: null,
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.cases.insert(record, tx.session);
        await this.escalation.takeStepIn(tx, record, EscalationTier.CASE, now, why, actor.userId, now);
        // The public page now says "handled by staff": cached copies of it must go.
        tx.publishAfterCommit(new ThreadChanged(threadId, now));
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError('CASE_EXISTS');
      throw error;
    }
    return record;
  }

  async setState(actor: Actor, caseId: string, state: SupportCaseState): Promise<SupportCaseRecord> {
    const current = await this.requireCase(caseId);
    const board = await this.boards.requireById(current.boardId);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    if (current.state === state) return current;
    if (!TRANSITIONS[current.state].includes(state)) {
      throw new PreconditionFailedError('CASE_TRANSITION_INVALID', { from: current.state, to: state });
    }
    const now = this.clock.now();
    const updated = await this.unitOfWork.run(async (tx) => {
      const changed = await this.cases.setState(current._id, current.state, state, now, tx.session);
      if (!changed) throw new ConflictError('CASE_CHANGED');
      if (state === SupportCaseState.SOLVED) {
        tx.publishAfterCommit(
          new SupportCaseSolved(current.boardId.toHexString(), current.threadId.toHexString(), caseId, now),
        );
      }
      await this.escalations.updateTrack(
        current.threadId,
        { $set: { settledAt: state === SupportCaseState.SOLVED ? now : null } },
        tx.session,
      );
      return changed;
    });
    const track = await this.escalations.findTrack(current.threadId);
    await this.notifier.notify([current.askerId.toHexString()], {
      kind: NotificationKind.ESCALATION,
      key: `case:${caseId}:${state}:${now.getTime()}`,
      boardId: current.boardId.toHexString(),
      threadId: current.threadId.toHexString(),
      actorId: actor.userId,
      params: { title: track?.title ?? '', variant: `CASE_${state}` },
      at: now,
    });
    return updated;
  }

  /** The case, to the asker, the board's staff and its moderators; absent to anyone else. */
  async viewCase(actor: Actor | null, caseId: string): Promise<SupportCaseRecord> {
    const record = await this.requireCase(caseId);
    const board = await this.boards.requireById(record.boardId);
    if (!(await this.canSee(actor, record, board))) throw new NotFoundError('SupportCase', 'CASE_NOT_FOUND');
    return record;
  }

  async canSee(actor: Actor | null, record: SupportCaseRecord, board: BoardRecord): Promise<boolean> {
    if (!actor) return false;
    if (record.askerId.equals(actor.userId)) return true;
    return (
      (await this.access.can(actor, BoardAction.ActAsStaff, board)) ||
      (await this.access.can(actor, BoardAction.Moderate, board))
    );
  }

  casesOf(threadIds: readonly string[]): Promise<SupportCaseRecord[]> {
    return this.cases.findByThreadIds(threadIds.map((id) => new Types.ObjectId(id)));
  }

  private async requireCase(caseId: string): Promise<SupportCaseRecord> {
    const record = Types.ObjectId.isValid(caseId) ? await this.cases.findById(new Types.ObjectId(caseId)) : null;
    if (!record) throw new NotFoundError('SupportCase', 'CASE_NOT_FOUND');
    return record;
  }
}
