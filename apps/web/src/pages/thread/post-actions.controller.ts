// What readers do from a thread page: answer, comment, vote, accept, mark official, flag,
// edit, follow and unfollow. Each is a plain form post (303 back to the thread, a refusal shown next to the control)
// or, from the enhancing script, JSON: { redirect } / { score, vote } / { message }.
import { Body, Controller, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, DomainError, InvalidInputError, SignedIn } from '@helpboard/core';
import { AnswerService, CommentService, EditPostService, type PostRecord, VoteService } from '@helpboard/threads';
import { FlagReason, FlagService, ModerationService } from '@helpboard/moderation';
import { FollowService } from '@helpboard/notifications';
import { BoardService } from '@helpboard/boards';
import { boardPath } from '../../render/urls.js';
import { WebContextFactory } from '../../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../../http/web-exception.filter.js';
import { wantsJson, type WebRequest } from '../../http/web-request.js';
import { encodeRule } from './rule-notice.js';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const threadIdOf = (form: Form) => (/^[0-9a-f]{24}$/i.test(text(form.t)) ? text(form.t) : null);
const VOTES = { UP: 1, DOWN: -1, NONE: 0 } as const;

@Controller()
@UseFilters(WebExceptionFilter)
export class PostActionsController {
  constructor(
    private readonly answers: AnswerService,
    private readonly comments: CommentService,
    private readonly votes: VoteService,
    private readonly editing: EditPostService,
    private readonly flags: FlagService,
    private readonly moderation: ModerationService,
    private readonly boards: BoardService,
    private readonly follows: FollowService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Post('t/:id/answer')
  @HttpCode(200)
  answer(@Req() req: WebRequest, @Res() res: Response, @Param('id') threadId: string, @Body() form: Form) {
    return this.run(req, res, threadId, 'answer', async (actor) => {
      const post = await this.answers.postAnswer(actor, threadId, text(form.body));
      return { anchor: `a-${post._id.toHexString()}` };
    });
  }

  @SignedIn()
  @Post('t/:id/follow')
  @HttpCode(200)
  follow(@Req() req: WebRequest, @Res() res: Response, @Param('id') threadId: string) {
    return this.run(req, res, threadId, 'follow', async (actor) => {
      await this.follows.follow(actor, { threadId });
      return { anchor: 'follow', reload: true };
    });
  }

  @SignedIn()
  @Post('t/:id/unfollow')
  @HttpCode(200)
  unfollow(@Req() req: WebRequest, @Res() res: Response, @Param('id') threadId: string) {
    return this.run(req, res, threadId, 'follow', async (actor) => {
      await this.follows.unfollow(actor, { threadId });
      return { anchor: 'follow', reload: true };
    });
  }

  @SignedIn()
  @Post('p/:id/comment')
  @HttpCode(200)
  comment(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `comment-${postId}`, async (actor) => {
      const comment = await this.comments.addComment(actor, postId, text(form.body));
      return { anchor: `c-${comment._id.toHexString()}` };
    });
  }

  @SignedIn()
  @Post('p/:id/vote')
  @HttpCode(200)
  vote(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    const direction = text(form.direction) as keyof typeof VOTES;
    return this.run(req, res, threadIdOf(form), `vote-${postId}`, async (actor) => {
      if (!(direction in VOTES)) throw new InvalidInputError([{ field: 'direction', message: 'INVALID_VALUE' }]);
      const post = await this.votes.vote(actor, postId, VOTES[direction]);
      return { anchor: anchorOf(post), score: post.score, vote: direction };
    });
  }

  @SignedIn()
  @Post('p/:id/accept')
  @HttpCode(200)
  accept(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `accept-${postId}`, async (actor) => ({
      anchor: anchorOf(await this.answers.acceptAnswer(actor, postId, form.value !== '0')),
      reload: true,
    }));
  }

  @SignedIn()
  @Post('p/:id/official')
  @HttpCode(200)
  official(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `official-${postId}`, async (actor) => ({
      anchor: anchorOf(await this.answers.markOfficial(actor, postId, form.value !== '0')),
      reload: true,
    }));
  }

  @SignedIn()
  @Post('p/:id/flag')
  @HttpCode(200)
  flag(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `flag-${postId}`, async (actor) => {
      const reason = text(form.reason) as FlagReason;
      if (!Object.values(FlagReason).includes(reason)) {
        throw new InvalidInputError([{ field: 'reason', message: 'INVALID_VALUE' }]);
      }
      await this.flags.flagPost(actor, postId, reason, text(form.note).trim() || null);
      return { anchor: postId, message: 'web.flag.thanks' };
    });
  }

  @SignedIn()
  @Post('p/:id/edit')
  @HttpCode(200)
  edit(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `edit-${postId}`, async (actor) => ({
      anchor: anchorOf(
        await this.editing.editPost(actor, postId, {
          body: text(form.body),
          summary: text(form.summary).trim() || null,
          // Only the question's form has these; absent means "keep" (an answer has neither).
          title: typeof form.title === 'string' ? form.title : null,
          tags: typeof form.tags === 'string' ? form.tags.split(/[,\s]+/).filter(Boolean) : null,
        }),
      ),
    }));
  }

  @SignedIn()
  @Post('c/:id/edit')
  @HttpCode(200)
  editComment(@Req() req: WebRequest, @Res() res: Response, @Param('id') commentId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `cedit-${commentId}`, async (actor) => {
      const comment = await this.comments.editComment(actor, commentId, text(form.body));
      return { anchor: `c-${comment._id.toHexString()}` };
    });
  }

  @SignedIn()
  @Post('c/:id/delete')
  @HttpCode(200)
  deleteComment(@Req() req: WebRequest, @Res() res: Response, @Param('id') commentId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `cedit-${commentId}`, async (actor) => {
      const comment = await this.comments.deleteComment(actor, commentId);
      return { anchor: `comments-${comment.postId.toHexString()}` };
    });
  }

  /** An author deletes their own post (moderators use the moderation page, with a reason). */
  @SignedIn()
  @Post('p/:id/delete')
  @HttpCode(200)
  deletePost(@Req() req: WebRequest, @Res() res: Response, @Param('id') postId: string, @Body() form: Form) {
    return this.run(req, res, threadIdOf(form), `delete-${postId}`, async (actor) => {
      const post = await this.moderation.deletePost(actor, postId, true, 'deleted by its author');
      // A deleted question takes its thread out of view: the author goes back to the board.
      if (post.kind === 'QUESTION') {
        return { anchor: '', redirect: boardPath((await this.boards.requireById(post.boardId)).slug) };
      }
      return { anchor: 'answers' };
    });
  }

  /**
   * Runs one action for the signed-in reader and answers the way the form was sent. Refusals
   * (rules, validation) go back to the control they came from; anything else is an error page.
   */
  private async run(
    req: WebRequest,
    res: Response,
    threadId: string | null,
    control: string,
    action: (actor: Actor) => Promise<{
      anchor: string;
      score?: number;
      vote?: string;
      reload?: boolean;
      message?: string;
      /** Somewhere other than the thread (it is gone for the reader). */
      redirect?: string;
    }>,
  ): Promise<void> {
    const back = threadId ? `/t/${threadId}` : '/';
    try {
      const outcome = await action(req.actor!);
      const target = outcome.redirect ?? `${back}#${outcome.anchor}`;
      if (wantsJson(req)) {
        const ctx = outcome.message ? await this.contexts.create(req) : null;
        res.json(
          outcome.score !== undefined
            ? { score: outcome.score, vote: outcome.vote }
            : ctx
              ? { message: ctx.t(outcome.message!) }
              : { redirect: target },
        );
      } else res.redirect(303, target);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')
        throw error;
      if (wantsJson(req)) {
        const ctx = await this.contexts.create(req);
        res.status(200).json({ message: messageOf(error, ctx.locale) });
      } else res.redirect(303, `${back}?rule=${encodeRule(control, error)}#rule-${control}`);
    }
  }
}

function anchorOf(post: PostRecord): string {
  return post.kind === 'ANSWER' ? `a-${post._id.toHexString()}` : 'question';
}
