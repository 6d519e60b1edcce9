// The staff's view of a board's escalation queue, with each question's steps (two queries a page).
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, ConflictError, decodeCursor, NotFoundError } from '@helpboard/core';
import { Types } from 'mongoose';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import type { EscalatedQuestion } from '../insights.models.js';
import { EscalationRepository, QUEUE_ORDER } from './escalation.repository.js';
import type { EscalationTier, EscalationTrack } from './escalation.schema.js';

export interface QueueRow extends EscalationTrack {
  question: EscalatedQuestion;
}

@Injectable()
export class EscalationQueueService {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
  ) {}

  /** Board staff take a waiting question, so the others leave it to them. */
  async take(actor: Actor, threadId: string): Promise<EscalationTrack> {
    const track = Types.ObjectId.isValid(threadId)
      ? await this.escalations.findTrack(new Types.ObjectId(threadId))
      : null;
    if (!track || track.settledAt) throw new NotFoundError('Escalation', 'ESCALATION_NOT_FOUND');
    await this.access.assert(actor, BoardAction.ActAsStaff, await this.boards.requireById(track.boardId));
    const taken = await this.escalations.take(track.threadId, new Types.ObjectId(actor.userId), this.clock.now());
    if (!taken) throw new ConflictError('ESCALATION_TAKEN');
    return taken;
  }

  async queue(
    actor: Actor,
    query: { boardSlug: string; tier: EscalationTier; limit: number; after?: string | null },
  ): Promise<QueueRow[]> {
    const board = await this.boards.requireBoard(query.boardSlug);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    const tracks = await this.escalations.queue(
      board._id,
      query.tier,
      query.limit,
      query.after ? decodeCursor(query.after, QUEUE_ORDER.length) : undefined,
    );
    const steps = await this.escalations.stepsOf(tracks.map((track) => track.threadId));
    return tracks.map((track) => ({
      ...track,
      question: {
        threadId: track.threadId.toHexString(),
        title: track.title,
        tier: track.tier,
        askedAt: track.askedAt,
        escalatedAt: track.escalatedAt!,
        untilAccepted: track.untilAccepted,
        steps: steps
          .filter((step) => step.threadId.equals(track.threadId))
          .map(({ step, dueAt, at, reason }) => ({ step, dueAt, at, reason })),
      },
    }));
  }
}
