// Read-only facts about posts that other libs need (badges).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type AnswerStats, PostRepository } from './post.repository.js';
import type { PostRecord } from './post.schema.js';

@Injectable()
export class PostStatsService {
  constructor(private readonly posts: PostRepository) {}

  answerStats(authorId: string, boardId: string): Promise<AnswerStats> {
    return this.posts.answerStats(new Types.ObjectId(authorId), new Types.ObjectId(boardId));
  }

  async post(postId: string): Promise<PostRecord | null> {
    const [post] = await this.posts.findByIds([new Types.ObjectId(postId)]);
    return post ?? null;
  }
}
