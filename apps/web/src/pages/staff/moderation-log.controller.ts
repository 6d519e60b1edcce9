// GET /b/<slug>/moderation: a board's moderation log (who did what, to what, why) with the
// actions on users — a formal warning, a suspension on the operator's boards or everywhere —
// each with its reason. Moderation services authorise each read and action as the API does.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Types } from 'mongoose';
import { Clock, InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardService, OperatorService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { type AuditEntry, ModerationService, moderationReason } from '@helpboard/moderation';
import { html, type SafeHtml } from '../../render/html.js';
import { tagPath, userPath } from '../../render/urls.js';
import { field } from '../../render/forms.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type PostLink, PostTitles } from './post-titles.js';
import { type Form, formatDate, outcomeNotice, reasonField, runAction, text } from './staff-common.js';
import { BoardTools, staffNav } from './board-tools.js';

const PAGE = 50;
const DAY_MS = 24 * 3_600_000;
const DURATIONS = ['1', '7', '30', 'forever'] as const;

@Controller()
@UseFilters(WebExceptionFilter)
export class ModerationLogController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly users: UsersService,
    private readonly titles: PostTitles,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Get('b/:slug/moderation')
  async log(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const before = text(query.before);
    const entries = await this.moderation.log(
      actor,
      slug,
      PAGE + 1,
      Types.ObjectId.isValid(before) ? new Types.ObjectId(before) : undefined,
    );
    const rows = entries.slice(0, PAGE);
    const userIds = rows.flatMap((row) => [
      row.actorId.toHexString(),
      ...(row.targetType === 'user' ? [row.targetId.toHexString()] : []),
    ]);
    const [ctx, people, posts, tools] = await Promise.all([
      this.contexts.create(request, response),
      this.users.findByIds([...new Set(userIds)]),
      this.titles.linksFor(
        actor,
        rows.filter((row) => row.targetType === 'post').map((row) => row.targetId.toHexString()),
      ),
      this.tools.onSlug(actor, slug),
    ]);
    const names = new Map(people.map((u) => [u._id.toHexString(), u]));
    const { t, locale } = ctx;
    const person = (id: string) => {
      const user = names.get(id);
      return user ? html`<a href="${userPath(user.handle)}">${user.displayName}</a>` : t('web.staff.log.system');
    };
    const table = rows.length
      ? html`<div class="scroll"><table>
          <caption class="vh">${t('web.staff.log.title')}</caption>
          <thead><tr><th scope="col">${t('web.staff.log.when')}</th><th scope="col">${t('web.staff.log.who')}</th><th scope="col">${t('web.staff.log.action')}</th><th scope="col">${t('web.staff.log.target')}</th><th scope="col">${t('web.staff.reason')}</th></tr></thead>
          <tbody>${rows.map(
            (row) =>
              html`<tr><td>${formatDate(row.at, locale)}</td><td>${person(row.actorId.toHexString())}</td><td><span class="label">${t(`web.staff.action.${row.action}`)}</span></td><td>${targetOf(ctx, row, posts, person, slug)}</td><td>${row.reason}</td></tr>`,
          )}</tbody></table></div>`
      : html`<p class="muted">${t('web.staff.log.empty')}</p>`;
    const more =
      entries.length > PAGE
        ? html`<p><a class="button secondary" href="/b/${slug}/moderation?before=${rows.at(-1)!._id.toHexString()}">${t('web.staff.log.older')}</a></p>`
        : null;
    const body = html`${staffNav(ctx, slug, tools, 'moderation')}
      <h1>${t('web.staff.log.title')}</h1>
      ${outcomeNotice(ctx, query)}
      <section class="card" aria-labelledby="log-h"><h2 id="log-h" class="vh">${t('web.staff.log.title')}</h2>${table}${more}</section>
      ${userActions(ctx, slug)}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.log.title'), robots: 'noindex', body }));
  }

  @SignedIn()
  @Post('b/:slug/moderation/warn')
  @HttpCode(200)
  warn(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string, @Body() form: Form) {
    return runAction(request, response, `/b/${slug}/moderation`, async () => {
      await this.moderation.warnUser(request.actor!, slug, handleOf(form), moderationReason(text(form.reason)));
      return 'warned';
    });
  }

  @SignedIn()
  @Post('b/:slug/moderation/suspend')
  @HttpCode(200)
  async suspend(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Body() form: Form,
  ) {
    return runAction(request, response, `/b/${slug}/moderation`, async () => {
      const actor = request.actor!;
      const duration = DURATIONS.find((d) => d === form.duration);
      if (!duration) throw new InvalidInputError([{ field: 'duration', message: 'INVALID_VALUE' }]);
      const until = duration === 'forever' ? null : new Date(this.clock.now().getTime() + Number(duration) * DAY_MS);
      const reason = moderationReason(text(form.reason));
      const isLifting = form.lift === '1';
      if (form.scope === 'everywhere') {
        if (isLifting) await this.moderation.liftSuspension(actor, handleOf(form), reason);
        else await this.moderation.suspendUser(actor, handleOf(form), until ?? 'indefinitely', reason);
      } else {
        const board = await this.boards.requireBoard(slug);
        const [operator] = await this.operators.findByIds([board.operatorId]);
        await this.moderation.suspendOnOperator(actor, handleOf(form), operator.slug, until, isLifting, reason);
      }
      return isLifting ? 'unsuspended' : 'suspended';
    });
  }
}

function handleOf(form: Form): string {
  const handle = text(form.handle).trim().replace(/^@/, '');
  if (!handle) throw new InvalidInputError([{ field: 'handle', message: 'REQUIRED' }]);
  return handle;
}

function targetOf(
  ctx: WebContext,
  row: AuditEntry,
  posts: Map<string, PostLink>,
  person: (id: string) => SafeHtml | string,
  boardSlug: string,
): SafeHtml | string {
  const id = row.targetId.toHexString();
  if (row.targetType === 'user') return person(id);
  if (row.targetType === 'tag') return html`<a class="tag" href="${tagPath(boardSlug, row.reason)}">${row.reason}</a>`;
  if (row.targetType === 'comment') return ctx.t('web.comment.one');
  if (row.targetType === 'thread') return html`<a href="/mod/t/${id}">${ctx.t('web.post.question')}</a>`;
  const post = posts.get(id);
  const kind = ctx.t(post?.isAnswer ? 'web.post.answer' : 'web.post.question');
  return post ? html`<a href="${post.href}">${post.title ? `${kind}: ${post.title}` : kind}</a>` : kind;
}

function userActions(ctx: WebContext, slug: string): SafeHtml {
  const { t } = ctx;
  return html`<section class="card" aria-labelledby="warn-h"><h2 id="warn-h">${t('web.staff.user.warnTitle')}</h2>
      <form method="post" action="/b/${slug}/moderation/warn">${csrfField(ctx)}
        ${field({ name: 'handle', id: 'warn-handle', label: t('web.staff.user.handle'), isRequired: true, autocomplete: 'off' })}
        ${reasonField(ctx, 'warn-reason')}
        <p class="hint">${t('web.staff.user.warnHint')}</p>
        <button type="submit">${t('web.staff.user.warn')}</button>
      </form></section>
    <section class="card" aria-labelledby="suspend-h"><h2 id="suspend-h">${t('web.staff.user.suspendTitle')}</h2>
      <form method="post" action="/b/${slug}/moderation/suspend">${csrfField(ctx)}
        ${field({ name: 'handle', id: 'suspend-handle', label: t('web.staff.user.handle'), isRequired: true, autocomplete: 'off' })}
        <label for="suspend-duration">${t('web.staff.user.duration')}</label>
        <select id="suspend-duration" name="duration">${DURATIONS.map((d) => html`<option value="${d}">${t(`web.staff.user.duration.${d}`)}</option>`)}</select>
        <label for="suspend-scope">${t('web.staff.user.scope')}</label>
        <select id="suspend-scope" name="scope"><option value="operator">${t('web.staff.user.scope.operator')}</option><option value="everywhere">${t('web.staff.user.scope.everywhere')}</option></select>
        ${reasonField(ctx, 'suspend-reason')}
        <p class="hint">${t('web.staff.user.suspendHint')}</p>
        <div class="row"><button type="submit">${t('web.staff.user.suspend')}</button>
        <button type="submit" class="secondary" name="lift" value="1">${t('web.staff.user.lift')}</button></div>
      </form></section>`;
}
