// Read-only facts about posts and votes that other libs need (badges, bounties, serial voting).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { VoteRepository } from '../vote/vote.repository.js';
import { type AnswerStats, PostRepository } from './post.repository.js';
import type { PostRecord } from './post.schema.js';

@Injectable()
export class PostStatsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** Voters who cast `threshold`+ votes on one author's posts in the period, with those posts. */
  serialVotes(since: Date, until: Date, threshold: number) {
    return this.votes.serialVotes(since, until, threshold);
  }

  answerStats(authorId: string, boardId: string): Promise<AnswerStats> {
    return this.posts.answerStats(new Types.ObjectId(authorId), new Types.ObjectId(boardId));
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

  async post(postId: string): Promise<PostRecord | null> {
    const [post] = await this.posts.findByIds([new Types.ObjectId(postId)]);
    return post ?? null;
  }
}
