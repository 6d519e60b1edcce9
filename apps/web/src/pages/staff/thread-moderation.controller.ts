// GET /mod/t/<id>: a moderator's view of one thread — its state, the question and every answer
// (hidden ones too) — with close/reopen and hide/restore, each with its reason. The page itself
// checks the board's moderator role first: others get the forbidden page, never the content.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { CloseReason, ModerationService, moderationReason } from '@helpboard/moderation';
import {
  type PostRecord,
  ThreadPageReader,
  ThreadQueryService,
  ThreadStateService,
  ThreadStatus,
} from '@helpboard/threads';
import { html, type SafeHtml, trustedHtml } from '../../render/html.js';
import { threadPath, userPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import {
  type Form,
  formatDate,
  isObjectIdText,
  outcomeNotice,
  reasonField,
  runAction,
  staffNav,
  text,
} from './staff-common.js';

const ANSWERS = 50;

@Controller()
@UseFilters(WebExceptionFilter)
export class ThreadModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly threadState: ThreadStateService,
    private readonly queries: ThreadQueryService,
    private readonly pages: ThreadPageReader,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('mod/t/:id')
  async thread(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') threadId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const thread = await this.threadState.requireThread(threadId);
    const board = await this.boards.requireById(thread.boardId);
    await this.access.assert(actor, BoardAction.Moderate, board);
    const [ctx, question, answers] = await Promise.all([
      this.contexts.create(request, response),
      this.pages.question(threadId),
      this.queries.answers(actor, { id: threadId, boardId: board._id.toHexString() }, ANSWERS),
    ]);
    const posts = [...(question ? [question] : []), ...answers.rows];
    const people = new Map(
      (await this.users.findByIds([...new Set(posts.map((p) => p.authorId.toHexString()))])).map((u) => [
        u._id.toHexString(),
        u,
      ]),
    );
    const { t } = ctx;
    const back = `/mod/t/${threadId}`;
    const isClosed = thread.status === ThreadStatus.CLOSED;
    const state = html`<p>
      <span class="label ${isClosed ? 'closed' : 'accepted'}">${t(isClosed ? 'web.staff.thread.closed' : 'web.staff.thread.open')}</span>
      ${thread.closeReason ? html` ${closeReasonText(ctx, thread.closeReason)}` : null}
      ${thread.isLocked ? html` <span class="label">${t('web.staff.thread.locked')}</span>` : null}
    </p>`;
    const closeForm = isClosed
      ? html`<form method="post" action="/mod/t/${threadId}/reopen">${csrfField(ctx)}${reasonField(ctx, 'reopen-reason')}<button type="submit">${t('web.staff.thread.reopen')}</button></form>`
      : html`<form method="post" action="/mod/t/${threadId}/close">${csrfField(ctx)}
          <label for="close-why">${t('web.staff.thread.closeReason')}</label>
          <select id="close-why" name="closeReason">${Object.values(CloseReason)
            .filter((r) => r !== CloseReason.DUPLICATE)
            .map((r) => html`<option value="${r}">${t(`web.staff.closeReason.${r}`)}</option>`)}</select>
          ${reasonField(ctx, 'close-note', t('web.staff.thread.closeNote'))}
          <button type="submit">${t('web.staff.thread.close')}</button></form>`;
    const body = html`${staffNav(ctx, board.slug, 'moderation')}
      <h1><a href="${threadPath({ id: threadId, title: thread.title })}">${thread.title}</a></h1>
      ${outcomeNotice(ctx, query)}
      <section class="card" aria-labelledby="state-h"><h2 id="state-h">${t('web.staff.thread.state')}</h2>${state}${closeForm}</section>
      ${posts.map((post) => postCard(ctx, post, people, back))}`;
    sendPage(request, response, layout(ctx, { title: thread.title, robots: 'noindex', body }));
  }

  @SignedIn()
  @Post('mod/t/:id/close')
  @HttpCode(200)
  close(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const reason = Object.values(CloseReason).find((r) => r === form.closeReason && r !== CloseReason.DUPLICATE);
      if (!reason) throw new InvalidInputError([{ field: 'closeReason', message: 'INVALID_VALUE' }]);
      await this.moderation.closeThread(request.actor!, threadId, reason, moderationReason(text(form.reason)), null);
      return 'closed';
    });
  }

  @SignedIn()
  @Post('mod/t/:id/reopen')
  @HttpCode(200)
  reopen(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      await this.moderation.reopenThread(request.actor!, threadId, moderationReason(text(form.reason)));
      return 'reopened';
    });
  }

  @SignedIn()
  @Post('mod/p/:id/hide')
  @HttpCode(200)
  hide(@Req() request: WebRequest, @Res() response: Response, @Param('id') postId: string, @Body() form: Form) {
    const back = isObjectIdText(text(form.t)) ? `/mod/t/${text(form.t)}` : '/';
    return runAction(request, response, back, async () => {
      const isHidden = form.hidden !== '0';
      await this.moderation.hidePost(request.actor!, postId, isHidden, moderationReason(text(form.reason)));
      return isHidden ? 'hidden' : 'restored';
    });
  }
}

function postCard(
  ctx: WebContext,
  post: PostRecord,
  people: Map<string, { handle: string; displayName: string }>,
  back: string,
): SafeHtml {
  const { t, locale } = ctx;
  const id = post._id.toHexString();
  const author = people.get(post.authorId.toHexString());
  const isHidden = post.hiddenAt !== null;
  const threadId = back.slice('/mod/t/'.length);
  return html`<article class="card" id="p-${id}" aria-labelledby="p-${id}-h">
    <h2 id="p-${id}-h">${t(post.kind === 'QUESTION' ? 'web.post.question' : 'web.post.answer')}${isHidden ? html` <span class="label closed">${t('web.post.hidden')}</span>` : null}</h2>
    <p class="small muted">${author ? html`<a href="${userPath(author.handle)}">${author.displayName}</a> · ` : null}${formatDate(post.createdAt, locale)} · ${t('web.post.score', { score: post.score })}</p>
    <div class="body">${trustedHtml(post.bodyHtml)}</div>
    <form method="post" action="/mod/p/${id}/hide">${csrfField(ctx)}<input type="hidden" name="t" value="${threadId}" />
      <input type="hidden" name="hidden" value="${isHidden ? '0' : '1'}" />${reasonField(ctx, `hide-${id}`)}
      <button type="submit" class="${isHidden ? '' : 'secondary'}">${t(isHidden ? 'web.staff.post.restore' : 'web.staff.post.hide')}</button>
    </form>
  </article>`;
}

/** Stored as `REASON` or `REASON: note` (the moderator's note for the asker). */
function closeReasonText(ctx: WebContext, stored: string): string {
  const [code, ...note] = stored.split(': ');
  const label = ctx.t(`web.staff.closeReason.${code}`);
  const known = label !== `web.staff.closeReason.${code}`;
  return known ? [label, ...note].join(': ') : stored;
}
