// Answering, and the two distinct endorsements of an answer: accepted (by the asker) and
// official (by board staff). Both may point at different answers and both are shown.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, ForbiddenError, InvalidInputError, PreconditionFailedError } from '@helpboard/core';
import { BoardAction } from '@helpboard/boards';
import { TransactionContext, UnitOfWork } from '@helpboard/database';
import {
  AnswerAccepted,
  AnswerPosted,
  AnswerUnaccepted,
  OfficialAnswerMarked,
  OfficialAnswerUnmarked,
} from '../events/thread-events.js';
import { PostRenderer } from '../markdown/post-renderer.js';
import { RevisionRepository } from '../revision/revision.repository.js';
import { markThreadChanged } from '../thread/thread-changed.js';
import { answerBodyProblems, assertOpen, assertUnlocked } from '../thread/post-rules.js';
import { type PostContext, ThreadContextLoader } from '../thread/thread-context.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { UnverifiedAccounts } from '../thread/unverified-accounts.js';
import { PostRepository } from './post.repository.js';
import { PostBodyHooks } from './post-body-hooks.js';
import { ProtectedThreadAnswering } from './protected-thread-answering.js';
import { mentionsOf } from './mentions.js';
import { newPost } from './new-post.js';
import { PostKind, type PostRecord } from './post.schema.js';
import { threadWrites } from '../thread/thread-changed.js';

type Endorsement = 'accepted' | 'official';

@Injectable()
export class AnswerService {
  constructor(
    private readonly context: ThreadContextLoader,
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly revisions: RevisionRepository,
    private readonly renderer: PostRenderer,
    private readonly bodyHooks: PostBodyHooks,
    private readonly protectedAnswering: ProtectedThreadAnswering,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly unverified: UnverifiedAccounts,
  ) {}

  async postAnswer(actor: Actor, threadId: string, body: string): Promise<PostRecord> {
    const { thread, board } = await this.context.thread(actor, threadId, BoardAction.Participate);
    await this.unverified.assertMay(actor.userId, board, 'answer');
    assertOpen(thread);
    const problems = answerBodyProblems(body);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const rendered = await this.renderer.render(body);
    const now = this.clock.now();
    const answerId = new Types.ObjectId();
    return this.unitOfWork.run(async (tx) => {
      // Re-read inside the transaction: the thread may have been closed or protected meanwhile.
      const current = await this.threads.findById(thread._id, tx.session);
      assertOpen(current!);
      if (current!.isProtected) await this.protectedAnswering.assertAllowed(actor.userId, board);
      const finalBody = await this.bodyHooks.apply(
        {
          postId: answerId.toHexString(),
          threadId,
          boardId: thread.boardId.toHexString(),
          authorId: actor.userId,
          kind: PostKind.ANSWER,
          body,
          isNew: true,
        },
        tx,
      );
      const answer = newPost({
        id: answerId,
        kind: PostKind.ANSWER,
        threadId: thread._id,
        boardId: thread.boardId,
        authorId: new Types.ObjectId(actor.userId),
        body: finalBody,
        rendered: finalBody === body ? rendered : await this.renderer.render(finalBody),
        now,
      });
      await this.posts.insert(answer, tx.session);
      await this.revisions.insert(
        {
          postId: answer._id,
          boardId: answer.boardId,
          revision: 1,
          editorId: answer.authorId,
          body: finalBody,
          title: null,
          tags: null,
          summary: null,
          createdAt: now,
        },
        tx.session,
      );
      await this.threads.update(thread._id, { $inc: { answerCount: 1 }, $set: { lastActivityAt: now } }, tx.session);
      tx.publishAfterCommit(
        new AnswerPosted(thread.boardId.toHexString(), threadId, actor.userId, now, answer._id.toHexString()),
      );
      const mentioned = mentionsOf(rendered, {
        boardId: thread.boardId,
        threadId: thread._id,
        postId: answer._id,
        actorId: actor.userId,
        now,
      });
      if (mentioned) tx.publishAfterCommit(mentioned);
      markThreadChanged(tx, threadId, now);
      return answer;
    }, threadWrites(threadId));
  }

  /** Only the asker; accepting another answer moves the acceptance. */
  async acceptAnswer(actor: Actor, answerId: string, isAccepted: boolean): Promise<PostRecord> {
    const target = await this.answerContext(actor, answerId, BoardAction.Participate);
    if (!target.thread.authorId.equals(actor.userId)) throw new ForbiddenError('NOT_THE_ASKER');
    return this.endorse(actor, target, 'accepted', isAccepted);
  }

  /** Only board staff (and owners/admins). */
  async markOfficial(actor: Actor, answerId: string, isOfficial: boolean): Promise<PostRecord> {
    const target = await this.answerContext(actor, answerId, BoardAction.ActAsStaff);
    return this.endorse(actor, target, 'official', isOfficial);
  }

  private async answerContext(actor: Actor, answerId: string, action: BoardAction): Promise<PostContext> {
    const target = await this.context.post(actor, answerId, action);
    if (target.post.kind !== PostKind.ANSWER) throw new PreconditionFailedError('NOT_AN_ANSWER');
    assertUnlocked(target.thread);
    return target;
  }

  private async endorse(actor: Actor, { post }: PostContext, kind: Endorsement, isOn: boolean): Promise<PostRecord> {
    const now = this.clock.now();
    const flag = kind === 'accepted' ? 'isAccepted' : 'isOfficial';
    const pointer = kind === 'accepted' ? 'acceptedAnswerId' : 'officialAnswerId';
    await this.unitOfWork.run(async (tx) => {
      const thread = (await this.threads.findById(post.threadId, tx.session))!;
      const previousId = thread[pointer];
      if (isOn && previousId?.equals(post._id)) return;
      if (!isOn && !previousId?.equals(post._id)) return;
      if (previousId) {
        const previous = await this.posts.update(previousId, { $set: { [flag]: false } }, tx.session);
        if (previous) this.publish(tx, kind, false, previous, actor, now);
      }
      await this.threads.update(
        thread._id,
        { $set: { [pointer]: isOn ? post._id : null, lastActivityAt: now } },
        tx.session,
      );
      if (isOn) {
        await this.posts.update(post._id, { $set: { [flag]: true } }, tx.session);
        this.publish(tx, kind, true, post, actor, now);
      }
      markThreadChanged(tx, thread._id.toHexString(), now);
    }, threadWrites(post.threadId.toHexString()));
    return (await this.posts.findById(post._id))!;
  }

  private publish(
    tx: TransactionContext,
    kind: Endorsement,
    isOn: boolean,
    answer: PostRecord,
    actor: Actor,
    now: Date,
  ) {
    const EventClass =
      kind === 'accepted'
        ? isOn
          ? AnswerAccepted
          : AnswerUnaccepted
        : isOn
          ? OfficialAnswerMarked
          : OfficialAnswerUnmarked;
    tx.publishAfterCommit(
      new EventClass(
        answer.boardId.toHexString(),
        answer.threadId.toHexString(),
        actor.userId,
        now,
        answer._id.toHexString(),
        answer.authorId.toHexString(),
      ),
    );
  }
}
