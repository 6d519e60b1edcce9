// The moderators' review queue of a board (GET /b/<slug>/review?kind=…): flagged posts heaviest
// first with their flags, the other queues oldest first; claim an item, hide or approve it, or
// decline its flags. The services authorise every read and action exactly as the API does.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Types } from 'mongoose';
import { InvalidInputError, SignedIn } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import {
  type FlaggedPost,
  FlagReason,
  FlagService,
  FlagStatus,
  moderationReason,
  ReviewOutcome,
  type ReviewItemRecord,
  ReviewQueueKind,
  ReviewService,
} from '@helpboard/moderation';
import { html, type SafeHtml, trustedHtml } from '../../render/html.js';
import { userPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type PostLink, PostTitles } from './post-titles.js';
import { type Form, formatDate, outcomeNotice, reasonField, runAction, text } from './staff-common.js';
import { BoardTools, staffNav } from './board-tools.js';

const PAGE = 20;

/** The decisions on a post's flags: hide it (flags helpful), uphold them and keep it, or decline them. */
const FLAG_OUTCOMES: Record<string, { status: FlagStatus.HELPFUL | FlagStatus.DECLINED; hide: boolean; done: string }> =
  {
    HIDE: { status: FlagStatus.HELPFUL, hide: true, done: 'hidden' },
    UPHOLD: { status: FlagStatus.HELPFUL, hide: false, done: 'upheld' },
    DECLINED: { status: FlagStatus.DECLINED, hide: false, done: 'declined' },
  };
const KINDS = Object.values(ReviewQueueKind);

interface QueueEntry {
  item: ReviewItemRecord;
  flagged?: FlaggedPost;
}

@Controller()
@UseFilters(WebExceptionFilter)
export class ReviewPageController {
  constructor(
    private readonly review: ReviewService,
    private readonly flags: FlagService,
    private readonly users: UsersService,
    private readonly titles: PostTitles,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
  ) {}

  @SignedIn()
  @Get('b/:slug/review')
  async queue(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const kind = KINDS.find((k) => k === query.kind) ?? ReviewQueueKind.FLAGGED;
    const entries = await this.entries(actor, slug, kind);
    const items = entries.map((entry) => entry.item);
    const [ctx, posts, people, tools] = await Promise.all([
      this.contexts.create(request, response),
      this.titles.linksFor(
        actor,
        items.map((item) => item.postId.toHexString()),
      ),
      this.users.findByIds([
        ...new Set(items.flatMap((item) => [item.authorId.toHexString(), item.claimedBy?.toHexString() ?? []].flat())),
      ]),
      this.tools.onSlug(actor, slug),
    ]);
    const handles = new Map(people.map((u) => [u._id.toHexString(), u]));
    const { t } = ctx;
    const back = `/b/${slug}/review?kind=${kind}`;
    const tabs = KINDS.map(
      (k) =>
        html`<li><a href="/b/${slug}/review?kind=${k}"${k === kind ? html` aria-current="page"` : null}>${t(`web.staff.queue.${k}`)}</a></li>`,
    );
    const cards = entries.map((entry) =>
      this.card(ctx, entry, posts.get(entry.item.postId.toHexString()), handles, back, actor.userId),
    );
    const body = html`${staffNav(ctx, slug, tools, query.kind === ReviewQueueKind.FLAGGED ? 'flags' : 'review')}
      <h1>${t('web.staff.review.title')}</h1>
      ${outcomeNotice(ctx, query)}
      <nav aria-label="${t('web.staff.review.queues')}"><ul class="pill-nav">${tabs}</ul></nav>
      ${cards.length ? cards : html`<p class="card muted">${t('web.staff.review.empty')}</p>`}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.review.title'), robots: 'noindex', body }));
  }

  private async entries(actor: NonNullable<WebRequest['actor']>, slug: string, kind: ReviewQueueKind) {
    if (kind !== ReviewQueueKind.FLAGGED) {
      return (await this.review.queue(actor, slug, kind, PAGE)).map((item): QueueEntry => ({ item }));
    }
    const flagged = await this.flags.flaggedQueue(actor, slug, PAGE);
    const items = await this.review.openItemsFor(
      flagged.map((entry) => entry.postId),
      ReviewQueueKind.FLAGGED,
    );
    const byPost = new Map(items.map((item) => [item.postId.toHexString(), item]));
    return flagged.flatMap((entry): QueueEntry[] => {
      const item = byPost.get(entry.postId.toHexString());
      return item ? [{ item, flagged: entry }] : [];
    });
  }

  private card(
    ctx: WebContext,
    entry: QueueEntry,
    post: PostLink | undefined,
    people: Map<string, { handle: string; displayName: string }>,
    back: string,
    viewerId: string,
  ): SafeHtml {
    const { t, locale } = ctx;
    const { item, flagged } = entry;
    const id = item._id.toHexString();
    const author = people.get(item.authorId.toHexString());
    const claimer = item.claimedBy ? people.get(item.claimedBy.toHexString()) : undefined;
    const isMine = item.claimedBy?.equals(viewerId) ?? false;
    const hidden = post?.post.hiddenAt ? html` <span class="label closed">${t('web.post.hidden')}</span>` : null;
    const heading = post
      ? html`<a href="${post.href}">${post.title || t(post.isAnswer ? 'web.post.answer' : 'web.post.question')}</a>`
      : t('web.staff.review.postGone');
    const flagList = flagged
      ? html`<h3>${t('web.staff.review.flags', { weight: flagged.totalWeight })}</h3>
          <ul class="plain small">${flagged.flags.map(
            (flag) =>
              html`<li><span class="label">${t(`web.flag.${flag.reason}`)}</span>${flag.note ? html` ${flag.note}` : null} <span class="muted">· ${formatDate(flag.createdAt, locale)}</span></li>`,
          )}</ul>`
      : html`<p class="small muted">${t('web.staff.review.why')} ${item.note}</p>`;
    const claim = isMine
      ? html`<p class="small"><span class="label official">${t('web.staff.review.claimedByYou')}</span></p>`
      : html`<form method="post" action="/review/${id}/claim">${csrfField(ctx)}<input type="hidden" name="back" value="${back}" />
          ${claimer ? html`<p class="small muted">${t('web.staff.review.claimedBy', { name: claimer.displayName })}</p>` : null}
          <button type="submit" class="secondary">${t('web.staff.review.claim')}</button></form>`;
    const decide = flagged
      ? flagDecision(ctx, flagged, back, `reason-${id}`)
      : html`<form method="post" action="/review/${id}/resolve" class="stack">${csrfField(ctx)}
          <input type="hidden" name="back" value="${back}" />${reasonField(ctx, `reason-${id}`)}
          <div class="row"><button type="submit" name="outcome" value="HIDDEN">${t('web.staff.review.hide')}</button>
          <button type="submit" class="secondary" name="outcome" value="APPROVED">${t('web.staff.review.approve')}</button>
          <button type="submit" class="secondary" name="outcome" value="DELETED">${t('web.staff.review.delete')}</button></div></form>`;
    return html`<article class="card" id="item-${id}" aria-labelledby="item-${id}-h">
      <h2 id="item-${id}-h">${heading}${hidden}</h2>
      <p class="small muted">${author ? html`<a href="${userPath(author.handle)}">${author.displayName}</a> · ` : null}${formatDate(item.createdAt, locale)}${item.isHeldBack ? html` · ${t('web.staff.review.heldBack')}` : null}</p>
      ${post ? html`<div class="body preview">${trustedHtml(post.post.bodyHtml)}</div>` : null}
      ${flagList}
      <div class="actions">${claim}<a class="button secondary" href="/mod/t/${item.threadId.toHexString()}">${t('web.staff.review.moderateThread')}</a></div>
      ${decide}
    </article>`;
  }

  @SignedIn()
  @Post('review/:id/claim')
  @HttpCode(200)
  claim(@Req() request: WebRequest, @Res() response: Response, @Param('id') itemId: string, @Body() form: Form) {
    return runAction(request, response, `${text(form.back)}#item-${itemId}`, async () => {
      await this.review.claim(request.actor!, itemId);
      return 'claimed';
    });
  }

  @SignedIn()
  @Post('review/:id/resolve')
  @HttpCode(200)
  resolve(@Req() request: WebRequest, @Res() response: Response, @Param('id') itemId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      const outcome = Object.values(ReviewOutcome).find((o) => o === form.outcome);
      if (!outcome) throw new InvalidInputError([{ field: 'outcome', message: 'INVALID_VALUE' }]);
      await this.review.resolve(request.actor!, itemId, outcome, moderationReason(text(form.reason)));
      return outcome === ReviewOutcome.APPROVED ? 'approved' : outcome === ReviewOutcome.HIDDEN ? 'hidden' : 'deleted';
    });
  }

  @SignedIn()
  @Post('flags/:id/resolve')
  @HttpCode(200)
  resolveFlag(@Req() request: WebRequest, @Res() response: Response, @Param('id') flagId: string, @Body() form: Form) {
    return runAction(request, response, text(form.back), async () => {
      if (!Types.ObjectId.isValid(flagId)) throw new InvalidInputError([{ field: 'flagId', message: 'INVALID_VALUE' }]);
      const outcome = FLAG_OUTCOMES[text(form.outcome)];
      if (!outcome) throw new InvalidInputError([{ field: 'outcome', message: 'INVALID_VALUE' }]);
      // Declining needs no reason (the log then says "flags declined"); a reason given is kept.
      const typed = text(form.reason).trim();
      const reason = outcome.status === FlagStatus.DECLINED && !typed ? undefined : moderationReason(typed);
      await this.flags.resolveFlag(request.actor!, flagId, outcome.status, { reason, hide: outcome.hide });
      return outcome.done;
    });
  }
}

/**
 * What a moderator may decide on a post's flags. A post flagged only as needing a staff member is
 * not bad content: the first choice is to uphold the flags (staff are told through the escalation
 * queue) and keep the post; hiding is offered for the other reasons first.
 */
export function flagDecision(ctx: WebContext, flagged: FlaggedPost, back: string, reasonId: string): SafeHtml {
  const { t } = ctx;
  const needsStaffOnly = flagged.flags.every((flag) => flag.reason === FlagReason.NEEDS_STAFF);
  const hide = html`<button type="submit" name="outcome" value="HIDE" class="${needsStaffOnly ? 'secondary' : ''}">${t('web.staff.review.hideHelpful')}</button>`;
  const uphold = html`<button type="submit" name="outcome" value="UPHOLD" class="${needsStaffOnly ? '' : 'secondary'}">${t('web.staff.review.uphold')}</button>`;
  const decline = html`<button type="submit" class="secondary" name="outcome" value="DECLINED" formnovalidate>${t('web.staff.review.decline')}</button>`;
  return html`<form method="post" action="/flags/${flagged.flags[0]._id.toHexString()}/resolve" class="stack">${csrfField(ctx)}
    <input type="hidden" name="back" value="${back}" />${reasonField(ctx, reasonId)}
    ${needsStaffOnly ? html`<p class="small muted">${t('web.staff.review.needsStaffHint')}</p>` : null}
    <div class="row">${needsStaffOnly ? [uphold, hide] : [hide, uphold]}${decline}</div></form>`;
}
