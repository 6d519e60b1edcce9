// Read-only facts about posts and votes that other libs need (badges, bounties, serial voting).
import { Injectable } from '@nestjs/common';
import { type ClientSession, Types } from 'mongoose';
import { CommentRepository } from '../comment/comment.repository.js';
import type { CommentRecord } from '../comment/comment.schema.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { VoteRepository } from '../vote/vote.repository.js';
import { type AnswerStats, PostRepository } from './post.repository.js';
import type { PostKind, PostRecord } from './post.schema.js';

@Injectable()
export class PostStatsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly votes: VoteRepository,
    private readonly comments: CommentRepository,
    private readonly threads: ThreadRepository,
  ) {}

  /** Voters who cast `threshold`+ votes on one author's posts in the period, with those posts. */
  serialVotes(since: Date, until: Date, threshold: number) {
    return this.votes.serialVotes(since, until, threshold);
  }

  answerStats(authorId: string, boardId: string): Promise<AnswerStats> {
    return this.posts.answerStats(new Types.ObjectId(authorId), new Types.ObjectId(boardId));
  }

  /**
   * What a board's whole history says for badges: per answerer their answer stats and accepted
   * answers, the answers scored `minAnswerScore`+, and the questions read `minViews`+ times.
   */
  async badgeFactsOfBoard(boardId: Types.ObjectId, thresholds: { minAnswerScore: number; minViews: number }) {
    const [answerers, scoredAnswers, popularQuestions] = await Promise.all([
      this.posts.answerStatsByAuthor(boardId),
      this.posts.answersScoredAtLeast(boardId, thresholds.minAnswerScore),
      this.threads.viewedAtLeast(boardId, thresholds.minViews),
    ]);
    return { answerers, scoredAnswers, popularQuestions };
  }

  /** Everyone who posted on these boards, with their answers and accepted answers there. */
  authorStats(boardIds: readonly Types.ObjectId[]) {
    return this.posts.authorStats(boardIds);
  }

  /** The highest-scored visible answer of a thread posted after `since` (bounty auto-award). */
  async topAnswerSince(threadId: Types.ObjectId, boardId: Types.ObjectId, since: Date): Promise<PostRecord | null> {
    const answers = await this.posts.answers(threadId, boardId, 100);
    const eligible = answers
      .filter((answer) => answer.createdAt >= since)
      .sort((a, b) => b.score - a.score || a.createdAt.getTime() - b.createdAt.getTime());
    return eligible[0] ?? null;
  }

  /** Many posts in one query, in the order asked (missing ones left out). */
  async postsByIds(postIds: readonly Types.ObjectId[]): Promise<PostRecord[]> {
    const byId = new Map((await this.posts.findByIds(postIds)).map((post) => [post._id.toHexString(), post]));
    return postIds.flatMap((id) => byId.get(id.toHexString()) ?? []);
  }

  /** With a session, the post as the transaction sees it (e.g. the one it just wrote). */
  async post(postId: string, session?: ClientSession): Promise<PostRecord | null> {
    return this.posts.findById(new Types.ObjectId(postId), session);
  }

  /** A comment (its text is scored by insights). */
  comment(commentId: string): Promise<CommentRecord | null> {
    return this.comments.findById(new Types.ObjectId(commentId));
  }

  /** Posts an author has written on a board (first posts go to review). */
  countPostsOnBoard(authorId: string, boardId: Types.ObjectId, session?: ClientSession): Promise<number> {
    return this.posts.countByAuthorOnBoard(new Types.ObjectId(authorId), boardId, session);
  }

  /** When an author's latest questions, answers or (kind null) comments were written, newest first (rate limits). */
  recentByAuthor(
    authorId: string,
    kind: PostKind | null,
    since: Date,
    limit: number,
    session?: ClientSession,
  ): Promise<Date[]> {
    const id = new Types.ObjectId(authorId);
    return kind
      ? this.posts.recentByAuthor(id, kind, since, limit, session)
      : this.comments.recentByAuthor(id, since, limit, session);
  }
}
