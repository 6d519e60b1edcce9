// Moderators' flag queue: GET /b/<slug>/mod/flags lists the board's flagged posts, heaviest
// first, with the reasons given; each can be hidden (flags helpful) or kept (flags declined).
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { FlagService, FlagStatus } from '@helpboard/moderation';
import { markdownToText, ThreadPageReader, ThreadQueryService } from '@helpboard/threads';
import { html } from '../../render/html.js';
import { boardPath, threadPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const QUEUE = 30;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

@Controller('b/:slug/mod')
@UseFilters(WebExceptionFilter)
export class FlagQueueController {
  constructor(
    private readonly boards: BoardService,
    private readonly flags: FlagService,
    private readonly pages: ThreadPageReader,
    private readonly queries: ThreadQueryService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('flags')
  async queue(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string) {
    const actor = request.actor!;
    const board = await this.boards.viewBoard(actor, slug);
    const queue = await this.flags.flaggedQueue(actor, slug, QUEUE);
    const [ctx, posts, threads] = await Promise.all([
      this.contexts.create(request, response),
      this.pages.postsByIds(queue.map((item) => item.postId.toHexString())),
      this.queries.visibleThreads(actor, [...new Set(queue.map((item) => item.threadId.toHexString()))]),
    ]);
    const postById = new Map(posts.map((p) => [p._id.toHexString(), p]));
    const threadById = new Map(threads.map((th) => [th._id.toHexString(), th]));
    const { t } = ctx;
    const items = queue.map((item) => {
      const postId = item.postId.toHexString();
      const post = postById.get(postId);
      const thread = threadById.get(item.threadId.toHexString());
      const excerpt = markdownToText(post?.body ?? '').slice(0, 280);
      const reasons = [...new Set(item.flags.map((f) => f.reason))].map((r) => t(`web.flag.${r}`)).join(', ');
      const decide = (outcome: 'hide' | 'keep', key: string, cls: string) =>
        html`<form method="post" action="/b/${slug}/mod/flags/${item.flags[0]._id.toHexString()}">${csrfField(ctx)}<input type="hidden" name="outcome" value="${outcome}"><button type="submit" class="${cls}">${t(key)}</button></form>`;
      return html`<li class="card" id="flagged-${postId}">
<p>${thread ? html`<a href="${threadPath({ id: thread._id.toHexString(), title: thread.title })}">${thread.title}</a>` : null}${post?.hiddenAt ? html` <span class="label closed">${t('web.post.hidden')}</span>` : null}</p>
<blockquote>${excerpt}</blockquote>
<p class="small muted">${t('web.mod.flagged', { count: item.flags.length, weight: item.totalWeight })}: ${reasons}</p>
<div class="actions">${decide('hide', 'web.mod.hide', '')}${decide('keep', 'web.mod.keep', 'secondary')}</div></li>`;
    });
    const title = t('web.mod.title', { board: board.title });
    const body = html`<h1>${title}</h1><p><a href="${boardPath(slug)}">${board.title}</a></p>${
      items.length ? html`<ul class="plain">${items}</ul>` : html`<p class="muted">${t('web.mod.empty')}</p>`
    }`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }));
  }

  /** Hide: the flags were helpful and the post is hidden. Keep: the flags are declined. */
  @SignedIn()
  @Post('flags/:flagId')
  @HttpCode(200)
  async decide(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('flagId') flagId: string,
    @Body() form: Record<string, unknown>,
  ) {
    const actor = request.actor!;
    const outcome = text(form.outcome);
    if (outcome !== 'hide' && outcome !== 'keep')
      throw new InvalidInputError([{ field: 'outcome', message: 'INVALID_VALUE' }]);
    // Upheld flags hide the post in the same transaction that resolves them.
    if (outcome === 'hide') await this.flags.resolveFlag(actor, flagId, FlagStatus.HELPFUL, 'flags upheld');
    else await this.flags.resolveFlag(actor, flagId, FlagStatus.DECLINED);
    response.redirect(303, `/b/${slug}/mod/flags`);
  }
}
