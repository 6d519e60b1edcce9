import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  byIds,
  CurrentActor,
  ConnectionType,
  type LoaderHolder,
  PageArgs,
  pageSize,
  requestLoader,
  toConnection,
} from '@helpboard/core';
import { Board, BoardService, toBoard } from '@helpboard/boards';
import { PostRepository } from '../post/post.repository.js';
import { AuthorCards } from './author-cards.js';
import { ThreadQueryService } from './thread-query.service.js';
import { heldSnapshot } from './thread-snapshot.js';
import { toPost } from './thread.mapper.js';
import { Post, PostAuthor, Thread } from './thread.model.js';

export const PostConnection = ConnectionType(Post);

@Resolver(() => Thread)
export class ThreadFieldsResolver {
  constructor(
    private readonly queries: ThreadQueryService,
    private readonly boards: BoardService,
    private readonly posts: PostRepository,
    private readonly authors: AuthorCards,
  ) {}

  @ResolveField(() => Board, { description: 'The board the thread is on.' })
  async board(@Parent() thread: Thread, @Context() context: LoaderHolder): Promise<Board> {
    const snapshot = heldSnapshot(context, thread.id);
    if (snapshot) return toBoard(snapshot.board);
    const loader = requestLoader<string, Board>(context, 'boards.byId', async (ids) =>
      byIds(ids, (await this.boards.findByIds(ids.map((id) => new Types.ObjectId(id)))).map(toBoard), (b) => b.id),
    );
    return (await loader.load(thread.boardId))!;
  }

  @ResolveField(() => Post, { description: 'The question itself.' })
  async question(@Parent() thread: Thread, @Context() context: LoaderHolder): Promise<Post> {
    const snapshot = heldSnapshot(context, thread.id);
    if (snapshot?.question) return toPost(snapshot.question);
    const loader = requestLoader<string, Post>(context, 'posts.byId', async (ids) =>
      byIds(ids, (await this.posts.findByIds(ids.map((id) => new Types.ObjectId(id)))).map(toPost), (p) => p.id),
    );
    return (await loader.load(thread.id))!;
  }

  @ResolveField(() => PostConnection, {
    description:
      'Answers: accepted first, then official, then by score, then oldest first. The board’s moderators also see hidden ones (`isHidden`).',
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async answers(
    @Parent() thread: Thread,
    @Args() args: PageArgs,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
  ) {
    const size = pageSize(args.first);
    const snapshot = args.after ? undefined : heldSnapshot(context, thread.id);
    const shared = snapshot && (await this.queries.answersFromSnapshot(actor, snapshot, size + 1));
    const page = shared
      ? { rows: shared, cursorOf: this.queries.answerCursorOf }
      : await this.queries.answers(actor, thread, size + 1, args.after);
    return toConnection(page.rows, size, !!args.after, page.cursorOf, toPost);
  }

  @ResolveField(() => PostAuthor, { description: 'Who asked.' })
  author(@Parent() thread: Thread, @Context() context: LoaderHolder): Promise<PostAuthor> {
    return this.authors.load(context, thread.boardId, thread.authorId);
  }
}
