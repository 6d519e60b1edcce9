import { Args, Context, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { PubSubEngine } from 'graphql-subscriptions';
import {
  type Actor,
  ConnectionType,
  type LoaderHolder,
  CurrentActor,
  pageSize,
  Public,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { BoardActivity, ThreadActivity } from '../activity/activity.model.js';
import { boardTopic, threadTopic } from '../activity/activity-publisher.js';
import { whileAllowed } from '../activity/while-allowed.js';
import { CommentService } from '../comment/comment.service.js';
import { AnswerService } from '../post/answer.service.js';
import { EditPostService } from '../revision/edit-post.service.js';
import { ViewCounter, viewerKey } from '../views/view-counter.js';
import { VoteService, type VoteValue } from '../vote/vote.service.js';
import { AskQuestionService } from './ask-question.service.js';
import { AskQuestionInput, EditPostInput, ThreadsArgs } from './dto/thread.inputs.js';
import { ThreadQueryService } from './thread-query.service.js';
import { holdSnapshot } from './thread-snapshot.js';
import { toComment, toPost, toRevision, toThread } from './thread.mapper.js';
import { Comment, Post, Revision, Thread, VoteDirection } from './thread.model.js';

export const ThreadConnection = ConnectionType(Thread);

const VOTE_VALUES: Record<VoteDirection, VoteValue> = {
  [VoteDirection.UP]: 1,
  [VoteDirection.DOWN]: -1,
  [VoteDirection.NONE]: 0,
};

interface RequestContext extends LoaderHolder {
  req: { ip?: string; headers: Record<string, unknown> };
}

@Resolver(() => Thread)
export class ThreadResolver {
  constructor(
    private readonly queries: ThreadQueryService,
    private readonly asking: AskQuestionService,
    private readonly answering: AnswerService,
    private readonly commenting: CommentService,
    private readonly editing: EditPostService,
    private readonly voting: VoteService,
    private readonly views: ViewCounter,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly pubSub: PubSubEngine,
  ) {}

  @Public()
  @Query(() => ThreadConnection, {
    description: "A board's threads; pinned threads lead every sort but UNANSWERED.",
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async threads(@CurrentActor() actor: Actor | null, @Args() args: ThreadsArgs) {
    const size = pageSize(args.first);
    const page = await this.queries.listThreads(actor, { ...args, limit: size + 1 });
    return toConnection(page.rows, size, !!args.after, page.cursorOf, (row) =>
      toThread(row, this.views.pendingFor(row._id.toHexString())),
    );
  }

  @Public()
  @Query(() => Thread, { description: 'A thread page; opening it counts a view (once per viewer per hour).' })
  async thread(
    @CurrentActor() actor: Actor | null,
    @Args('id', { type: () => ID }) id: string,
    @Context() context: RequestContext,
  ): Promise<Thread> {
    const { thread, snapshot } = await this.queries.threadPage(actor, id);
    // The page's fields (question, answers, comments, authors) come from the shared snapshot.
    holdSnapshot(context, snapshot);
    this.views.record(id, viewerKey(actor?.userId ?? null, context.req));
    return toThread(thread, this.views.pendingFor(id));
  }

  @Public()
  @Query(() => [Revision], { description: 'Every version of a post, oldest first.' })
  async revisions(@CurrentActor() actor: Actor | null, @Args('postId', { type: () => ID }) postId: string) {
    return (await this.editing.revisionsOf(actor, postId)).map(toRevision);
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Ask a question on a board.' })
  async askQuestion(@CurrentActor() actor: Actor, @Args('input') input: AskQuestionInput): Promise<Thread> {
    return toThread(await this.asking.askQuestion(actor, input));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Answer a question.' })
  async postAnswer(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('body') body: string,
  ): Promise<Post> {
    return toPost(await this.answering.postAnswer(actor, threadId, body));
  }

  @SignedIn()
  @Mutation(() => Comment, { description: 'Comment on a question or answer (up to 600 characters).' })
  async addComment(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('body') body: string,
  ): Promise<Comment> {
    return toComment(await this.commenting.addComment(actor, postId, body));
  }

  @SignedIn()
  @Mutation(() => Comment, {
    description: 'Edit your own comment, within 5 minutes of posting it (as Stack Exchange).',
  })
  async editComment(
    @CurrentActor() actor: Actor,
    @Args('commentId', { type: () => ID }) commentId: string,
    @Args('body') body: string,
  ): Promise<Comment> {
    return toComment(await this.commenting.editComment(actor, commentId, body));
  }

  @SignedIn()
  @Mutation(() => Comment, {
    description:
      "Delete a comment: your own, or any on a board you moderate (soft; a moderator's deletion is audited).",
  })
  async deleteComment(
    @CurrentActor() actor: Actor,
    @Args('commentId', { type: () => ID }) commentId: string,
  ): Promise<Comment> {
    return toComment(await this.commenting.deleteComment(actor, commentId));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Edit a post; the previous version stays in its revisions.' })
  async editPost(@CurrentActor() actor: Actor, @Args('input') input: EditPostInput): Promise<Post> {
    return toPost(await this.editing.editPost(actor, input.postId, input));
  }

  @SignedIn()
  @Mutation(() => Post, {
    description: 'Vote on a post (NONE retracts). Votes lock 5 minutes after casting unless the post is edited.',
  })
  async vote(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('direction', { type: () => VoteDirection }) direction: VoteDirection,
  ): Promise<Post> {
    return toPost(await this.voting.vote(actor, postId, VOTE_VALUES[direction]));
  }

  @SignedIn()
  @Mutation(() => Post, {
    description: 'Accept an answer to your question (moves the acceptance if another was accepted).',
  })
  async acceptAnswer(@CurrentActor() actor: Actor, @Args('answerId', { type: () => ID }) answerId: string) {
    return toPost(await this.answering.acceptAnswer(actor, answerId, true));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Withdraw the acceptance of an answer.' })
  async unacceptAnswer(@CurrentActor() actor: Actor, @Args('answerId', { type: () => ID }) answerId: string) {
    return toPost(await this.answering.acceptAnswer(actor, answerId, false));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Mark an answer as the official one (board staff).' })
  async markOfficialAnswer(@CurrentActor() actor: Actor, @Args('answerId', { type: () => ID }) answerId: string) {
    return toPost(await this.answering.markOfficial(actor, answerId, true));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Remove the official mark from an answer (board staff).' })
  async unmarkOfficialAnswer(@CurrentActor() actor: Actor, @Args('answerId', { type: () => ID }) answerId: string) {
    return toPost(await this.answering.markOfficial(actor, answerId, false));
  }

  @Public()
  @Subscription(() => ThreadActivity, { description: 'Live activity in a thread: answers, comments, votes, accepts.' })
  async threadActivity(@CurrentActor() actor: Actor | null, @Args('threadId', { type: () => ID }) threadId: string) {
    await this.queries.getThread(actor, threadId);
    // The thread may be hidden or moved into a board the subscriber may not read meanwhile.
    const mayStillRead = () =>
      this.queries.getThread(actor, threadId).then(
        () => true,
        () => false,
      );
    return whileAllowed(this.pubSub.asyncIterableIterator(threadTopic(threadId)), mayStillRead);
  }

  @Public()
  @Subscription(() => BoardActivity, { description: 'Live activity on a board: new questions.' })
  async boardActivity(@CurrentActor() actor: Actor | null, @Args('boardSlug') boardSlug: string) {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.View, board);
    // The subscriber's role, or the board's visibility, may change meanwhile.
    const mayStillRead = async () => this.access.can(actor, BoardAction.View, await this.boards.requireById(board._id));
    return whileAllowed(this.pubSub.asyncIterableIterator(boardTopic(board._id.toHexString())), mayStillRead);
  }
}
