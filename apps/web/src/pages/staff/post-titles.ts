// Links to posts for the staff pages: each post id to its thread's title and the answer's anchor,
// in two queries however many posts a page lists. Threads the viewer may not see stay unnamed.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Actor } from '@helpboard/core';
import { PostKind, type PostRecord, PostStatsService, ThreadQueryService } from '@helpboard/threads';
import { threadPath } from '../../render/urls.js';

export interface PostLink {
  href: string;
  title: string;
  isAnswer: boolean;
  post: PostRecord;
}

@Injectable()
export class PostTitles {
  constructor(
    private readonly posts: PostStatsService,
    private readonly queries: ThreadQueryService,
  ) {}

  async linksFor(actor: Actor, postIds: readonly string[]): Promise<Map<string, PostLink>> {
    const ids = [...new Set(postIds.filter((id) => /^[0-9a-f]{24}$/i.test(id)))].map((id) => new Types.ObjectId(id));
    if (ids.length === 0) return new Map();
    const posts = await this.posts.postsByIds(ids);
    const threads = await this.queries.visibleThreads(actor, [...new Set(posts.map((p) => p.threadId.toHexString()))]);
    const titles = new Map(threads.map((thread) => [thread._id.toHexString(), thread.title]));
    const links = new Map<string, PostLink>();
    for (const post of posts) {
      const threadId = post.threadId.toHexString();
      const title = titles.get(threadId) ?? '';
      const isAnswer = post.kind === PostKind.ANSWER;
      const path = threadPath({ id: threadId, title: title || 'question' });
      links.set(post._id.toHexString(), {
        href: isAnswer ? `${path}#a-${post._id.toHexString()}` : path,
        title,
        isAnswer,
        post,
      });
    }
    return links;
  }
}
