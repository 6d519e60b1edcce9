// One vote per user per post, changeable for five minutes after it is cast (or at any time after
// the post is edited), never on your own post. The vote row and the post's score commit together.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, ForbiddenError, NotFoundError, PreconditionFailedError } from '@helpboard/core';
import { BoardAction } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { VoteChanged } from '../events/thread-events.js';
import { PostRepository } from '../post/post.repository.js';
import { PostKind, PostRecord } from '../post/post.schema.js';
import { assertOpen } from '../thread/post-rules.js';
import { ThreadContextLoader } from '../thread/thread-context.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { UnverifiedAccounts } from '../thread/unverified-accounts.js';
import { VoteRepository } from './vote.repository.js';
import { VoteRecord } from './vote.schema.js';
import { markThreadChanged } from '../thread/thread-changed.js';
import { threadWrites } from '../thread/thread-changed.js';

/** SE: votes are locked in after a short grace period unless the post is edited. */
export const VOTE_CHANGE_WINDOW_MS = 5 * 60_000;

export type VoteValue = -1 | 0 | 1;

export function isVoteLocked(vote: Pick<VoteRecord, 'castAt'>, post: Pick<PostRecord, 'editedAt'>, now: Date): boolean {
  const isInWindow = now.getTime() - vote.castAt.getTime() <= VOTE_CHANGE_WINDOW_MS;
  const isEditedSince = post.editedAt !== null && post.editedAt > vote.castAt;
  return !isInWindow && !isEditedSince;
}

@Injectable()
export class VoteService {
  constructor(
    private readonly context: ThreadContextLoader,
    private readonly posts: PostRepository,
    private readonly threads: ThreadRepository,
    private readonly votes: VoteRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly unverified: UnverifiedAccounts,
  ) {}

  async vote(actor: Actor, postId: string, value: VoteValue): Promise<PostRecord> {
    const { post, board } = await this.context.post(actor, postId, BoardAction.Participate);
    if (post.authorId.equals(actor.userId)) throw new ForbiddenError('VOTE_OWN_POST');
    if (value !== 0) await this.unverified.assertMay(actor.userId, board, 'vote'); // taking a vote back is always allowed
    const voterId = new Types.ObjectId(actor.userId);

    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      // Read inside the transaction: concurrent voters conflict here and are retried.
      const current = await this.posts.findById(post._id, tx.session);
      if (!current || current.hiddenAt) throw new NotFoundError('Post', 'POST_NOT_FOUND');
      assertOpen((await this.threads.findById(current.threadId, tx.session))!);
      const existing = await this.votes.find(post._id, voterId, tx.session);
      const previous: VoteValue = existing?.value ?? 0;
      if (previous === value) return current;
      if (existing && isVoteLocked(existing, current, now)) throw new PreconditionFailedError('VOTE_LOCKED');

      if (value === 0) await this.votes.remove(post._id, voterId, tx.session);
      else {
        await this.votes.upsert(
          { postId: post._id, boardId: post.boardId, voterId, authorId: post.authorId, value, castAt: now },
          tx.session,
        );
      }
      const delta = value - previous;
      const upvotes = (value === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
      const downvotes = (value === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
      const updated = (await this.posts.update(post._id, { $inc: { score: delta, upvotes, downvotes } }, tx.session))!;
      if (post.kind === PostKind.QUESTION) {
        await this.threads.update(post.threadId, { $inc: { score: delta } }, tx.session);
      }
      tx.publishAfterCommit(
        new VoteChanged(
          post.boardId.toHexString(),
          post.threadId.toHexString(),
          actor.userId,
          now,
          post._id.toHexString(),
          post.kind,
          post.authorId.toHexString(),
          previous,
          value,
          updated.score,
        ),
      );
      markThreadChanged(tx, post.threadId.toHexString(), now); // scores order search results
      return updated;
    }, threadWrites(post.threadId.toHexString()));
  }
}
