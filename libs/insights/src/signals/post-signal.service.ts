// Scores every new question, answer and comment (tone, urgency, terms), stores it per post and
// counts it into the board's and tags' buckets for the early-warning detector.
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import type { Actor } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { ReputationReader } from '@helpboard/reputation';
import { PostStatsService, ThreadStateService } from '@helpboard/threads';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { Metric } from '../metrics/metrics.js';
import { PostSignalRepository } from './post-signal.repository.js';
import { type PostSignal, SignalPostKind } from './post-signal.schema.js';
import { NEGATIVE_AT, scoreText } from './text-scorer.js';

interface Written {
  postId: string;
  kind: SignalPostKind;
  threadId: string;
  authorId: string;
  text: string;
  at: Date;
}

@Injectable()
export class PostSignalService {
  constructor(
    private readonly signals: PostSignalRepository,
    private readonly threads: ThreadStateService,
    private readonly posts: PostStatsService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly reputation: ReputationReader,
    private readonly recorder: InsightsRecorder,
  ) {}

  async questionAsked(threadId: string, at: Date, session?: ClientSession): Promise<void> {
    const [thread, post] = await Promise.all([
      this.threads.requireThread(threadId),
      this.threads.requirePost(threadId),
    ]);
    const text = `${thread.title}\n${post.body}`;
    await this.score(
      {
        postId: threadId,
        kind: SignalPostKind.QUESTION,
        threadId,
        authorId: post.authorId.toHexString(),
        text,
        at,
      },
      session,
    );
  }

  async answerPosted(threadId: string, answerId: string, at: Date, session?: ClientSession): Promise<void> {
    const post = await this.threads.requirePost(answerId);
    await this.score(
      {
        postId: answerId,
        kind: SignalPostKind.ANSWER,
        threadId,
        authorId: post.authorId.toHexString(),
        text: post.body,
        at,
      },
      session,
    );
  }

  async commentAdded(threadId: string, commentId: string, at: Date, session?: ClientSession): Promise<void> {
    const comment = await this.posts.comment(commentId);
    if (!comment) return;
    await this.score(
      {
        postId: commentId,
        kind: SignalPostKind.COMMENT,
        threadId,
        authorId: comment.authorId.toHexString(),
        text: comment.body,
        at,
      },
      session,
    );
  }

  /** The scores of a thread's posts, for the board's staff and moderators. */
  async ofThread(actor: Actor, threadId: string): Promise<PostSignal[]> {
    const thread = await this.threads.requireThread(threadId);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.ViewInsights, board);
    return this.signals.ofThreads([thread._id]);
  }

  private async score(written: Written, session?: ClientSession): Promise<void> {
    const thread = await this.threads.requireThread(written.threadId);
    const board = await this.boards.requireById(thread.boardId);
    const score = scoreText(written.text);
    const isNegative = score.sentiment <= NEGATIVE_AT;
    const isNew = await this.signals.insertOnce(
      {
        postId: new Types.ObjectId(written.postId),
        kind: written.kind,
        threadId: thread._id,
        boardId: board._id,
        operatorId: board.operatorId,
        authorId: new Types.ObjectId(written.authorId),
        authorReputation: await this.reputation.onOperator(written.authorId, board.operatorId),
        language: score.language,
        sentiment: score.sentiment,
        isNegative,
        urgency: score.urgency,
        urgentTerms: score.urgentTerms,
        terms: score.terms,
        tags: thread.tags,
        at: written.at,
      },
      session,
    );
    if (!isNew) return;
    await this.recorder.count(
      board,
      written.at,
      {
        [Metric.POSTS_SCORED]: 1,
        ...(isNegative ? { [Metric.NEGATIVE_POSTS]: 1 } : {}),
        ...(score.urgency > 0 ? { [Metric.URGENT_POSTS]: 1 } : {}),
      },
      thread.tags,
      session,
    );
  }
}
