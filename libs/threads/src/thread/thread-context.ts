// Loading what a write needs and checking the actor may take part, in one place.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService } from '@helpboard/boards';
import { PostRepository } from '../post/post.repository.js';
import { PostRecord } from '../post/post.schema.js';
import { assertVisible } from './post-rules.js';
import { ThreadRepository } from './thread.repository.js';
import { ThreadRecord } from './thread.schema.js';

export interface PostContext {
  post: PostRecord;
  thread: ThreadRecord;
  board: BoardRecord;
}

export function toObjectId(id: string, entity: string, reason: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError(entity, reason);
  return new Types.ObjectId(id);
}

@Injectable()
export class ThreadContextLoader {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
  ) {}

  async thread(
    actor: Actor | null,
    threadId: string,
    action: BoardAction,
  ): Promise<{ thread: ThreadRecord; board: BoardRecord }> {
    const thread = await this.threads.findById(toObjectId(threadId, 'Thread', 'THREAD_NOT_FOUND'));
    assertVisible(thread);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.View, board);
    if (action !== BoardAction.View) await this.access.assert(actor, action, board);
    return { thread, board };
  }

  async post(actor: Actor | null, postId: string, action: BoardAction): Promise<PostContext> {
    const post = await this.posts.findById(toObjectId(postId, 'Post', 'POST_NOT_FOUND'));
    if (!post || post.hiddenAt) throw new NotFoundError('Post', 'POST_NOT_FOUND');
    const { thread, board } = await this.thread(actor, post.threadId.toHexString(), action);
    return { post, thread, board };
  }
}
