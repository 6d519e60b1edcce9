// Turns thread events into ledger entries, inside the transaction that produced them.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { BoardService, resolveBoardSettings } from '@helpboard/boards';
import { InTransactionHandlers, type TransactionContext } from '@helpboard/database';
import {
  AnswerAccepted,
  AnswerUnaccepted,
  OfficialAnswerMarked,
  OfficialAnswerUnmarked,
  PostHidden,
  PostRestored,
  VoteChanged,
} from '@helpboard/threads';
import { ReputationService } from './reputation.service.js';
import { awardsForAccept, awardsForOfficial, awardsForVote } from './rules/vote-rules.js';

@Injectable()
export class ReputationListener implements OnModuleInit {
  constructor(
    private readonly handlers: InTransactionHandlers,
    private readonly reputation: ReputationService,
    private readonly boards: BoardService,
  ) {}

  onModuleInit(): void {
    this.handlers.on(VoteChanged, (event, tx) => this.onVote(event, tx));
    this.handlers.on(PostHidden, (event, tx) => this.reputation.reverseForPost(tx, this.postCause(event)));
    this.handlers.on(PostRestored, (event, tx) => this.reputation.restoreForPost(tx, this.postCause(event)));
    this.handlers.on(AnswerAccepted, async (event, tx) => {
      const rules = await this.rulesOf(event.boardId);
      const cause = {
        source: `accept:${event.answerId}`,
        boardId: event.boardId,
        actorId: event.actorId,
        postId: event.answerId,
        at: event.occurredAt,
      };
      await this.reputation.reverse(tx, cause);
      await this.reputation.award(
        tx,
        cause,
        awardsForAccept({ answerAuthorId: event.answerAuthorId, askerId: event.actorId }, rules),
      );
    });
    this.handlers.on(AnswerUnaccepted, (event, tx) =>
      this.reputation.reverse(tx, {
        source: `accept:${event.answerId}`,
        boardId: event.boardId,
        actorId: event.actorId,
        postId: event.answerId,
        at: event.occurredAt,
      }),
    );
    this.handlers.on(OfficialAnswerMarked, async (event, tx) => {
      const rules = await this.rulesOf(event.boardId);
      const cause = {
        source: `official:${event.answerId}`,
        boardId: event.boardId,
        actorId: event.actorId,
        postId: event.answerId,
        at: event.occurredAt,
      };
      await this.reputation.reverse(tx, cause);
      await this.reputation.award(tx, cause, awardsForOfficial(event.answerAuthorId, rules));
    });
    this.handlers.on(OfficialAnswerUnmarked, (event, tx) =>
      this.reputation.reverse(tx, {
        source: `official:${event.answerId}`,
        boardId: event.boardId,
        actorId: event.actorId,
        postId: event.answerId,
        at: event.occurredAt,
      }),
    );
  }

  private postCause(event: PostHidden | PostRestored) {
    return {
      source: `post:${event.postId}`,
      boardId: event.boardId,
      actorId: event.actorId,
      postId: event.postId,
      at: event.occurredAt,
    };
  }

  /** A changed vote first takes back what the previous vote gave, then applies the new one. */
  private async onVote(event: VoteChanged, tx: TransactionContext): Promise<void> {
    const rules = await this.rulesOf(event.boardId);
    const cause = {
      source: `vote:${event.postId}:${event.actorId}`,
      boardId: event.boardId,
      actorId: event.actorId,
      postId: event.postId,
      at: event.occurredAt,
    };
    await this.reputation.reverse(tx, cause);
    const awards = awardsForVote(
      { value: event.value, postKind: event.postKind, authorId: event.authorId, voterId: event.actorId },
      rules,
    );
    await this.reputation.award(tx, cause, awards, rules.dailyVoteCap);
  }

  private async rulesOf(boardId: string) {
    const board = await this.boards.requireById(new Types.ObjectId(boardId));
    return resolveBoardSettings(board.settingsOverrides).reputation;
  }
}
