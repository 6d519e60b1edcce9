import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import { type Actor, Clock, CurrentActor, type LoaderHolder, requestLoader } from '@helpboard/core';
import { toUser, User, UsersService } from '@helpboard/identity';
import { BoardService } from '@helpboard/boards';
import { CommentRepository } from '../comment/comment.repository.js';
import { postHtmlOnBoard } from '../markdown/post-html.js';
import { AuthorCards } from '../thread/author-cards.js';
import { heldSnapshot } from '../thread/thread-snapshot.js';
import { toComment } from '../thread/thread.mapper.js';
import { Comment, Post, PostAuthor, Revision, VoteDirection } from '../thread/thread.model.js';
import { VoteRepository } from '../vote/vote.repository.js';

@Resolver(() => Post)
export class PostFieldsResolver {
  constructor(
    private readonly authors: AuthorCards,
    private readonly commentRepository: CommentRepository,
    private readonly votes: VoteRepository,
    private readonly boards: BoardService,
  ) {}

  @ResolveField(() => PostAuthor)
  author(@Parent() post: Post, @Context() context: LoaderHolder): Promise<PostAuthor> {
    return this.authors.load(context, post.boardId, post.authorId);
  }

  @ResolveField(() => String, {
    description:
      "Sanitised HTML rendered from the body; remote images as links where the board says so (a reader's privacy).",
  })
  bodyHtml(@Parent() post: Post, @Context() context: LoaderHolder): Promise<string> {
    return postHtmlOnBoard(context, this.boards, post.boardId, post.bodyHtml);
  }

  @ResolveField(() => [Comment], { description: 'Comments, oldest first (up to 50).' })
  async comments(@Parent() post: Post, @Context() context: LoaderHolder): Promise<Comment[]> {
    const held = heldSnapshot(context, post.threadId)?.comments.get(post.id);
    if (held) return held.map(toComment);
    const loader = requestLoader<string, Comment[]>(context, 'comments.byPost', async (postIds) => {
      const byPost = await this.commentRepository.forPosts(postIds.map((id) => new Types.ObjectId(id)));
      return postIds.map((id) => (byPost.get(id) ?? []).map(toComment));
    });
    return (await loader.load(post.id)) ?? [];
  }

  @ResolveField(() => VoteDirection, { description: "The signed-in user's vote on this post." })
  async viewerVote(
    @Parent() post: Post,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
  ): Promise<VoteDirection> {
    if (!actor) return VoteDirection.NONE;
    const loader = requestLoader<string, 1 | -1>(context, 'votes.ofViewer', async (postIds) => {
      const rows = await this.votes.forVoter(
        new Types.ObjectId(actor.userId),
        postIds.map((id) => new Types.ObjectId(id)),
      );
      const values = new Map(rows.map((row) => [row.postId.toHexString(), row.value]));
      return postIds.map((id) => values.get(id) ?? null);
    });
    const value = await loader.load(post.id);
    return value === 1 ? VoteDirection.UP : value === -1 ? VoteDirection.DOWN : VoteDirection.NONE;
  }
}

@Resolver(() => Comment)
export class CommentFieldsResolver {
  constructor(
    private readonly authors: AuthorCards,
    private readonly boards: BoardService,
  ) {}

  @ResolveField(() => String, { description: 'Sanitised HTML; remote images as links where the board says so.' })
  bodyHtml(@Parent() comment: Comment, @Context() context: LoaderHolder): Promise<string> {
    return postHtmlOnBoard(context, this.boards, comment.boardId, comment.bodyHtml);
  }

  @ResolveField(() => PostAuthor)
  author(@Parent() comment: Comment, @Context() context: LoaderHolder): Promise<PostAuthor> {
    return this.authors.load(context, comment.boardId, comment.authorId);
  }
}

@Resolver(() => Revision)
export class RevisionFieldsResolver {
  constructor(
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => User, { description: 'Who wrote this version.' })
  async editor(@Parent() revision: Revision, @Context() context: LoaderHolder): Promise<User> {
    const user = await this.users.loader(context).load(revision.editorId);
    return toUser(user!, this.clock.now());
  }
}
