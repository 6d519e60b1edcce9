// Merging a duplicate into its original (moderation decides, threads writes): the duplicate's
// answers move under the original with their comments and votes, and the duplicate stays as a
// closed signpost to it. An original keeps its own accepted and official answers; a moved one
// keeps that standing only where the original has none (otherwise it is withdrawn, and the
// reputation it gave is taken back through the usual events).
import { Injectable } from '@nestjs/common';
import type { TransactionContext } from '@helpboard/database';
import { CommentRepository } from '../comment/comment.repository.js';
import { AnswerUnaccepted, OfficialAnswerUnmarked } from '../events/thread-events.js';
import { PostRepository } from '../post/post.repository.js';
import { VoteRepository } from '../vote/vote.repository.js';
import { markThreadChanged } from './thread-changed.js';
import { ThreadRepository } from './thread.repository.js';
import { type ThreadRecord, ThreadStatus } from './thread.schema.js';

@Injectable()
export class ThreadMergeService {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly comments: CommentRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** Returns how many answers moved. */
  async merge(
    tx: TransactionContext,
    duplicate: ThreadRecord,
    original: ThreadRecord,
    actorId: string,
    now: Date,
  ): Promise<number> {
    const answers = await this.posts.allAnswers(duplicate._id, tx.session);
    const ids = answers.map((answer) => answer._id);
    const to = { threadId: original._id, boardId: original.boardId };
    await this.posts.reparent(ids, to, tx.session);
    await this.comments.followPosts(ids, to, tx.session);
    await this.votes.followPosts(ids, original.boardId, tx.session);

    let { acceptedAnswerId, officialAnswerId } = original;
    for (const answer of answers) {
      const event = [duplicate.boardId.toHexString(), duplicate._id.toHexString(), actorId, now] as const;
      if (answer.isAccepted && acceptedAnswerId) {
        await this.posts.update(answer._id, { $set: { isAccepted: false } }, tx.session);
        tx.publishAfterCommit(new AnswerUnaccepted(...event, answer._id.toHexString(), answer.authorId.toHexString()));
      } else if (answer.isAccepted) acceptedAnswerId = answer._id;
      if (answer.isOfficial && officialAnswerId) {
        await this.posts.update(answer._id, { $set: { isOfficial: false } }, tx.session);
        tx.publishAfterCommit(
          new OfficialAnswerUnmarked(...event, answer._id.toHexString(), answer.authorId.toHexString()),
        );
      } else if (answer.isOfficial) officialAnswerId = answer._id;
    }
    const visible = answers.filter((answer) => !answer.hiddenAt).length;
    await this.threads.update(
      original._id,
      {
        $inc: { answerCount: visible },
        $set: { acceptedAnswerId, officialAnswerId, lastActivityAt: now, updatedAt: now },
      },
      tx.session,
    );
    await this.threads.update(
      duplicate._id,
      {
        $set: {
          answerCount: 0,
          acceptedAnswerId: null,
          officialAnswerId: null,
          status: ThreadStatus.CLOSED,
          closeReason: 'DUPLICATE',
          duplicateOfId: original._id,
          updatedAt: now,
        },
      },
      tx.session,
    );
    markThreadChanged(tx, original._id.toHexString(), now);
    markThreadChanged(tx, duplicate._id.toHexString(), now);
    return answers.length;
  }
}
