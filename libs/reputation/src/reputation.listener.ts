// Turns thread events into ledger entries, inside the transaction that produced them.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { BoardService, resolveBoardSettings } from '@helpboard/boards';
import { InTransactionHandlers, type TransactionContext } from '@helpboard/database';
import {
  AnswerAccepted,
  AnswerUnaccepted,
  CommentAdded,
  OfficialAnswerMarked,
  OfficialAnswerUnmarked,
  OthersPostEditing,
  PostHidden,
  PostRestored,
  ProtectedThreadAnswering,
  VoteChanged,
} from '@helpboard/threads';
import { Privilege, Privileges } from './privileges.js';
import { type Cause, ReputationService } from './reputation.service.js';
import { type Award, awardsForAccept, awardsForOfficial, awardsForVote } from './rules/vote-rules.js';

@Injectable()
export class ReputationListener implements OnModuleInit {
  constructor(
    private readonly handlers: InTransactionHandlers,
    private readonly reputation: ReputationService,
    private readonly boards: BoardService,
    private readonly privileges: Privileges,
    private readonly othersPosts: OthersPostEditing,
    private readonly protectedThreads: ProtectedThreadAnswering,
  ) {}

  onModuleInit(): void {
    // Privileges veto the action inside its transaction: the vote or comment is never stored.
    this.handlers.on(VoteChanged, (event) => this.privileges.assertMayVote(event));
    this.handlers.on(CommentAdded, (event) => this.privileges.assertMayComment(event));
    this.othersPosts.allowWhen((userId, board) => this.privileges.assert(userId, board, Privilege.EDIT_OTHERS_POSTS));
    this.protectedThreads.allowWhen((userId, board) =>
      this.privileges.assert(userId, board, Privilege.ANSWER_PROTECTED),
    );
    this.handlers.on(VoteChanged, (event, tx) => this.onVote(event, tx));
    this.handlers.on(PostHidden, (event, tx) =>
      this.reputation.reverseForPost(tx, causeOf(`post:${event.postId}`, event, event.postId)),
    );
    this.handlers.on(PostRestored, (event, tx) =>
      this.reputation.restoreForPost(tx, causeOf(`post:${event.postId}`, event, event.postId)),
    );
    this.handlers.on(AnswerAccepted, async (event, tx) => {
      const awards = awardsForAccept(
        { answerAuthorId: event.answerAuthorId, askerId: event.actorId },
        await this.rulesOf(event.boardId),
      );
      await this.replace(tx, causeOf(`accept:${event.answerId}`, event, event.answerId), awards);
    });
    this.handlers.on(AnswerUnaccepted, (event, tx) =>
      this.reputation.reverse(tx, causeOf(`accept:${event.answerId}`, event, event.answerId)),
    );
    this.handlers.on(OfficialAnswerMarked, async (event, tx) => {
      const awards = awardsForOfficial(
        { answerAuthorId: event.answerAuthorId, markerId: event.actorId },
        await this.rulesOf(event.boardId),
      );
      await this.replace(tx, causeOf(`official:${event.answerId}`, event, event.answerId), awards);
    });
    this.handlers.on(OfficialAnswerUnmarked, (event, tx) =>
      this.reputation.reverse(tx, causeOf(`official:${event.answerId}`, event, event.answerId)),
    );
  }

  /** Takes back what the cause gave before (if anything) and gives what it gives now. */
  private async replace(tx: TransactionContext, cause: Cause, awards: Award[], dailyCap?: number): Promise<void> {
    await this.reputation.reverse(tx, cause);
    await this.reputation.award(tx, cause, awards, dailyCap);
  }

  /** A changed vote first takes back what the previous vote gave, then applies the new one. */
  private async onVote(event: VoteChanged, tx: TransactionContext): Promise<void> {
    const rules = await this.rulesOf(event.boardId);
    const awards = awardsForVote(
      { value: event.value, postKind: event.postKind, authorId: event.authorId, voterId: event.actorId },
      rules,
    );
    await this.replace(
      tx,
      {
        ...causeOf(`vote:${event.postId}:${event.actorId}`, event, event.postId),
        recipients: [event.authorId, event.actorId],
      },
      awards,
      rules.dailyVoteCap,
    );
  }

  private async rulesOf(boardId: string) {
    const board = await this.boards.requireById(new Types.ObjectId(boardId));
    return resolveBoardSettings(board.settingsOverrides).reputation;
  }
}

function causeOf(source: string, event: { boardId: string; actorId: string; occurredAt: Date }, postId: string) {
  return { source, boardId: event.boardId, actorId: event.actorId, postId, at: event.occurredAt };
}
