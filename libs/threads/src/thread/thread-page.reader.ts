// What a server-rendered thread page needs besides the thread and its answers, each in one
// query however many posts the page shows: the question post, comments per post, and the
// reader's own votes.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { CommentRepository } from '../comment/comment.repository.js';
import { CommentRecord } from '../comment/comment.schema.js';
import { PostRepository } from '../post/post.repository.js';
import { PostRecord } from '../post/post.schema.js';
import { VoteRepository } from '../vote/vote.repository.js';

@Injectable()
export class ThreadPageReader {
  constructor(
    private readonly posts: PostRepository,
    private readonly comments: CommentRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** The question post (it shares the thread's id). */
  async question(threadId: string): Promise<PostRecord | null> {
    const [post] = await this.posts.findByIds([new Types.ObjectId(threadId)]);
    return post ?? null;
  }

  /** Posts by id, in no particular order (moderation queues). */
  postsByIds(postIds: readonly string[]): Promise<PostRecord[]> {
    return this.posts.findByIds(postIds.map((id) => new Types.ObjectId(id)));
  }

  /** A user's visible answers, best first. */
  topAnswersOf(userId: string, limit: number): Promise<PostRecord[]> {
    return this.posts.topAnswersOf(new Types.ObjectId(userId), limit);
  }

  /** Visible comments per post id, oldest first (up to 50 each). */
  commentsFor(postIds: readonly string[]): Promise<Map<string, CommentRecord[]>> {
    return this.comments.forPosts(postIds.map((id) => new Types.ObjectId(id)));
  }

  /** The reader's votes on these posts: post id → 1 or -1. */
  async viewerVotes(userId: string, postIds: readonly string[]): Promise<Map<string, 1 | -1>> {
    const rows = await this.votes.forVoter(
      new Types.ObjectId(userId),
      postIds.map((id) => new Types.ObjectId(id)),
    );
    return new Map(rows.map((row) => [row.postId.toHexString(), row.value]));
  }
}
