// Community moderation: users with the close-votes privilege vote to close or reopen a question;
// the third vote acts, with the reason most voters chose, audited under the deciding voter.
// A board's moderators need no votes: theirs is binding, as on Stack Exchange.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { type Actor, Clock, ConflictError, PreconditionFailedError } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { Privilege, Privileges } from '@helpboard/reputation';
import { type ThreadRecord, ThreadStateService, ThreadStatus } from '@helpboard/threads';
import { ModerationAction } from '../audit-entry.schema.js';
import { type CloseReason, ModerationService } from '../moderation.service.js';
import { CloseVoteRecord, COMMUNITY_VOTES_NEEDED, CommunityVoteKind } from './close-vote.schema.js';

export interface CommunityVoteTally {
  thread: ThreadRecord;
  votes: number;
  needed: number;
}

@Injectable()
export class CloseVotesService {
  constructor(
    @InjectModel(CloseVoteRecord.name) private readonly votes: Model<CloseVoteRecord>,
    private readonly threadState: ThreadStateService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly privileges: Privileges,
    private readonly moderation: ModerationService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async voteToClose(
    actor: Actor,
    threadId: string,
    reason: CloseReason,
    duplicateOfId: string | null,
  ): Promise<CommunityVoteTally> {
    const { thread, isModerator } = await this.voter(actor, threadId);
    if (thread.status === ThreadStatus.CLOSED) throw new PreconditionFailedError('THREAD_ALREADY_CLOSED');
    if (isModerator) {
      const closed = await this.moderation.closeThread(actor, threadId, reason, null, duplicateOfId);
      return { thread: closed, votes: COMMUNITY_VOTES_NEEDED, needed: COMMUNITY_VOTES_NEEDED };
    }
    // The same checks as a moderator's close (a duplicate needs its original), before any vote counts.
    await this.moderation.validateClose(thread, reason, duplicateOfId);
    return this.cast(actor, thread, CommunityVoteKind.CLOSE, reason, duplicateOfId);
  }

  async voteToReopen(actor: Actor, threadId: string): Promise<CommunityVoteTally> {
    const { thread, isModerator } = await this.voter(actor, threadId);
    if (thread.status !== ThreadStatus.CLOSED) throw new PreconditionFailedError('THREAD_NOT_CLOSED');
    if (isModerator) {
      const reopened = await this.moderation.reopenThread(actor, threadId, 'reopened by a moderator');
      return { thread: reopened, votes: COMMUNITY_VOTES_NEEDED, needed: COMMUNITY_VOTES_NEEDED };
    }
    return this.cast(actor, thread, CommunityVoteKind.REOPEN, null, null);
  }

  private async voter(actor: Actor, threadId: string) {
    const thread = await this.threadState.requireThread(threadId);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.Participate, board);
    const isModerator = await this.access.can(actor, BoardAction.Moderate, board);
    if (!isModerator) await this.privileges.assert(actor.userId, board, Privilege.CLOSE_VOTES);
    return { thread, isModerator };
  }

  private async cast(
    actor: Actor,
    thread: ThreadRecord,
    kind: CommunityVoteKind,
    reason: string | null,
    duplicateOfId: string | null,
  ): Promise<CommunityVoteTally> {
    const now = this.clock.now();
    const board = await this.boards.requireById(thread.boardId);
    try {
      return await this.unitOfWork.run(async (tx) => {
        // Votes of one round are counted, then the deciding one acts: they take turns, or three
        // concurrent voters would each count fewer than three and nobody would close.
        await tx.serializeOn(`community-vote:${thread._id.toHexString()}:${kind}`);
        // The round before ours may have decided meanwhile.
        const { status } = await this.threadState.requireThread(thread._id.toHexString());
        if (kind === CommunityVoteKind.CLOSE && status === ThreadStatus.CLOSED)
          throw new PreconditionFailedError('THREAD_ALREADY_CLOSED');
        if (kind === CommunityVoteKind.REOPEN && status !== ThreadStatus.CLOSED)
          throw new PreconditionFailedError('THREAD_NOT_CLOSED');
        await this.votes.create(
          [
            {
              threadId: thread._id,
              boardId: thread.boardId,
              voterId: new Types.ObjectId(actor.userId),
              kind,
              reason,
              duplicateOfId: duplicateOfId ? new Types.ObjectId(duplicateOfId) : null,
              at: now,
            },
          ],
          { session: tx.session },
        );
        const round = await this.votes
          .find({ threadId: thread._id, kind })
          .session(tx.session)
          .lean<CloseVoteRecord[]>()
          .exec();
        if (round.length < COMMUNITY_VOTES_NEEDED) {
          return { thread, votes: round.length, needed: COMMUNITY_VOTES_NEEDED };
        }
        await this.votes.deleteMany({ threadId: thread._id, kind }, { session: tx.session });
        const decided =
          kind === CommunityVoteKind.CLOSE
            ? await this.close(tx, actor, board, thread, round, now)
            : await this.moderation.applyThreadChange(
                tx,
                actor,
                board,
                thread,
                ModerationAction.REOPEN,
                `community vote (${round.length})`,
                { status: ThreadStatus.OPEN, closeReason: null, duplicateOfId: null },
                now,
              );
        return { thread: decided, votes: round.length, needed: COMMUNITY_VOTES_NEEDED };
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new ConflictError('ALREADY_VOTED');
      throw error;
    }
  }

  /** Closes with the reason most voters chose (the earliest vote breaks ties). */
  private close(
    tx: Parameters<ModerationService['applyThreadChange']>[0],
    actor: Actor,
    board: Parameters<ModerationService['applyThreadChange']>[2],
    thread: ThreadRecord,
    round: CloseVoteRecord[],
    now: Date,
  ) {
    const counts = new Map<string, number>();
    for (const vote of round) counts.set(vote.reason!, (counts.get(vote.reason!) ?? 0) + 1);
    const reason = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const duplicateOfId = round.find((vote) => vote.reason === reason && vote.duplicateOfId)?.duplicateOfId ?? null;
    return this.moderation.applyThreadChange(
      tx,
      actor,
      board,
      thread,
      ModerationAction.CLOSE,
      `${reason}: community vote (${round.length})`,
      { status: ThreadStatus.CLOSED, closeReason: reason, duplicateOfId: duplicateOfId?.toHexString() ?? null },
      now,
    );
  }
}
