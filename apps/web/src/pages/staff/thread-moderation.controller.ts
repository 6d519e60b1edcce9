// GET /mod/t/<id>: a moderator's view of one thread — its state, its open flags, the question and
// every answer (hidden ones too) — with close/reopen, lock, pin, protect, move, merge, hide/restore and the
// flags' decisions, each with its reason, all through the moderation services (audit-logged). The
// page checks the board's moderator role first: others get the forbidden page, never the content.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { CloseReason, FlagService, ModerationService, moderationReason } from '@helpboard/moderation';
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
import { type Form, formatDate, isObjectIdText, outcomeNotice, reasonField, runAction, text } from './staff-common.js';
import { BoardTools, staffNav } from './board-tools.js';
import { flagDecision } from './review.controller.js';

const ANSWERS = 50;
/** The board's flagged posts read to find this thread's (the queue is heaviest first). */
const FLAGGED_SCAN = 200;

@Controller()
@UseFilters(WebExceptionFilter)
export class ThreadModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly flags: FlagService,
    private readonly threadState: ThreadStateService,
    private readonly queries: ThreadQueryService,
    private readonly pages: ThreadPageReader,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
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
    const [ctx, question, answers, flagged, tools] = await Promise.all([
      this.contexts.create(request, response),
      this.pages.question(threadId),
      this.queries.answers(actor, { id: threadId, boardId: board._id.toHexString() }, ANSWERS),
      this.flags.flaggedQueue(actor, board.slug, FLAGGED_SCAN),
      this.tools.on(actor, board),
    ]);
    const threadFlags = flagged.filter((entry) => entry.threadId.equals(thread._id));
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
      ${thread.isPinned ? html` <span class="label official">${t('web.staff.thread.pinned')}</span>` : null}
      ${thread.isProtected ? html` <span class="label">${t('web.staff.thread.protected')}</span>` : null}
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
    const flagsCard = html`<section class="card" aria-labelledby="flags-h"><h2 id="flags-h">${t('web.staff.thread.flags')}</h2>${
      threadFlags.length
        ? threadFlags.map(
            (entry) => html`<div class="stack" id="flags-${entry.postId.toHexString()}">
              <p><a href="#p-${entry.postId.toHexString()}">${t(question && entry.postId.equals(question._id) ? 'web.post.question' : 'web.post.answer')}</a>
              ${entry.flags.map((flag) => html` <span class="label">${t(`web.flag.${flag.reason}`)}</span>${flag.note ? html` ${flag.note}` : null}`)}</p>
              ${flagDecision(ctx, entry, back, `flag-reason-${entry.postId.toHexString()}`)}</div>`,
          )
        : html`<p class="muted">${t('web.staff.thread.noFlags')}</p>`
    }</section>`;
    const body = html`${staffNav(ctx, board.slug, tools, null)}
      <h1><a href="${threadPath({ id: threadId, title: thread.title })}">${thread.title}</a></h1>
      ${outcomeNotice(ctx, query)}
      <section class="card" aria-labelledby="state-h"><h2 id="state-h">${t('web.staff.thread.state')}</h2>${state}${closeForm}</section>
      ${flagsCard}
      ${threadTools(ctx, thread, threadId)}
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
  @Post('mod/t/:id/lock')
  @HttpCode(200)
  lock(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const isLocked = form.on === '1';
      await this.moderation.lockThread(request.actor!, threadId, isLocked, moderationReason(text(form.reason)));
      return isLocked ? 'locked' : 'unlocked';
    });
  }

  @SignedIn()
  @Post('mod/t/:id/pin')
  @HttpCode(200)
  pin(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const isPinned = form.on === '1';
      await this.moderation.pinThread(request.actor!, threadId, isPinned, moderationReason(text(form.reason)));
      return isPinned ? 'pinned' : 'unpinned';
    });
  }

  @SignedIn()
  @Post('mod/t/:id/protect')
  @HttpCode(200)
  protect(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const isProtected = form.on === '1';
      await this.moderation.protectThread(request.actor!, threadId, isProtected, moderationReason(text(form.reason)));
      return isProtected ? 'protected' : 'unprotected';
    });
  }

  @SignedIn()
  @Post('mod/t/:id/move')
  @HttpCode(200)
  move(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const to = text(form.toBoardSlug).trim();
      if (!to) throw new InvalidInputError([{ field: 'toBoardSlug', message: 'REQUIRED' }]);
      await this.moderation.moveThread(request.actor!, threadId, to, moderationReason(text(form.reason)));
      return 'moved';
    });
  }

  /** Merges this thread (the duplicate) into the original named by its address or id. */
  @SignedIn()
  @Post('mod/t/:id/merge')
  @HttpCode(200)
  merge(@Req() request: WebRequest, @Res() response: Response, @Param('id') threadId: string, @Body() form: Form) {
    return runAction(request, response, `/mod/t/${threadId}`, async () => {
      const originalId = /[0-9a-f]{24}/i.exec(text(form.originalId))?.[0];
      if (!originalId) throw new InvalidInputError([{ field: 'originalId', message: 'INVALID_VALUE' }]);
      const reason = moderationReason(text(form.reason));
      await this.moderation.mergeThreads(request.actor!, threadId, originalId, reason);
      return 'merged';
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

/** Lock, pin, protect, move and merge: each a small form with its reason. */
function threadTools(
  ctx: WebContext,
  thread: { isLocked: boolean; isPinned: boolean; isProtected?: boolean },
  threadId: string,
): SafeHtml {
  const { t } = ctx;
  const toggle = (action: 'lock' | 'pin' | 'protect', isOn: boolean, onKey: string, offKey: string) =>
    html`<form method="post" action="/mod/t/${threadId}/${action}" class="stack">${csrfField(ctx)}
      <input type="hidden" name="on" value="${isOn ? '0' : '1'}" />${reasonField(ctx, `${action}-reason`)}
      <button type="submit" class="secondary">${t(isOn ? offKey : onKey)}</button></form>`;
  return html`<section class="card" aria-labelledby="tools-h"><h2 id="tools-h">${t('web.staff.thread.tools')}</h2>
    ${toggle('lock', thread.isLocked, 'web.staff.thread.lock', 'web.staff.thread.unlock')}
    ${toggle('pin', thread.isPinned, 'web.staff.thread.pin', 'web.staff.thread.unpin')}
    ${toggle('protect', thread.isProtected ?? false, 'web.staff.thread.protect', 'web.staff.thread.unprotect')}
    <form method="post" action="/mod/t/${threadId}/move" class="stack">${csrfField(ctx)}
      <label for="move-to">${t('web.staff.thread.moveTo')}</label><input id="move-to" name="toBoardSlug" required maxlength="100" />
      ${reasonField(ctx, 'move-reason')}<button type="submit" class="secondary">${t('web.staff.thread.move')}</button></form>
    <form method="post" action="/mod/t/${threadId}/merge" class="stack">${csrfField(ctx)}
      <label for="merge-into">${t('web.staff.thread.mergeInto')}</label><input id="merge-into" name="originalId" required maxlength="300" />
      ${reasonField(ctx, 'merge-reason')}<button type="submit" class="secondary">${t('web.staff.thread.merge')}</button></form>
  </section>`;
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
