// GET /u/<handle>: a profile (reputation per board with a history chart, badges, top answers).
// GET /b/<slug>/leaderboard?period=week|month|year|all: a board's top answerers by reputation
// gained this calendar week, month or year (UTC) or ever, staff and peers ranked apart (staff
// answer as part of their job).
import { avatar } from '../../render/avatar.js';
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Types } from 'mongoose';
import { Clock, encodeCursor, Public } from '@helpboard/core';
import { BoardRole, BoardService, MembershipService } from '@helpboard/boards';
import { AuthService, UsersService } from '@helpboard/identity';
import { type PeriodKind, ProfileReader, ReputationReader } from '@helpboard/reputation';
import {
  type Page,
  PostKind,
  type ProfilePost,
  ProfilePostsService,
  ThreadPageReader,
  ThreadQueryService,
} from '@helpboard/threads';
import { html } from '../../render/html.js';
import { boardPath, threadPath, userPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { historyChart, totalsOverTime } from './history-chart.js';
import { lastSeenBucket } from './last-seen.js';
import { formatDate } from '../thread/post.view.js';
import type { WebContext } from '../../http/web-context.js';
import { type SafeHtml } from '../../render/html.js';

const HISTORY = 200;
/** Questions and answers listed per page of a profile. */
const POSTS_PER_PAGE = 10;
const IMPORTED_BADGES = 100;
const TOP = 20;
/** The leaderboard's periods in the order of its tabs; anything else in `?period=` means all time. */
const PERIODS = ['week', 'month', 'year', 'all'] as const;
type Period = (typeof PERIODS)[number];

@Controller()
@UseFilters(WebExceptionFilter)
export class PeopleController {
  constructor(
    private readonly users: UsersService,
    private readonly boards: BoardService,
    private readonly memberships: MembershipService,
    private readonly reputation: ReputationReader,
    private readonly profiles: ProfileReader,
    private readonly pages: ThreadPageReader,
    private readonly queries: ThreadQueryService,
    private readonly contexts: WebContextFactory,
    private readonly clock: Clock,
    private readonly profilePosts: ProfilePostsService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Get('u/:handle')
  async profile(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('handle') handle: string,
    @Query('questions') questionsAfter?: string,
    @Query('answers') answersAfter?: string,
  ) {
    const actor = request.actor ?? null;
    const user = await this.users.requireByHandle(handle);
    const id = user._id.toHexString();
    const [questions, myAnswers, reached, lastSeen, imported] = await Promise.all([
      this.profilePosts.postsOf(actor, id, PostKind.QUESTION, POSTS_PER_PAGE + 1, questionsAfter || null),
      this.profilePosts.postsOf(actor, id, PostKind.ANSWER, POSTS_PER_PAGE + 1, answersAfter || null),
      this.profilePosts.peopleReached(actor, id),
      this.auth.lastSeenAt(id),
      this.profiles.importedBadges(actor, id, null, IMPORTED_BADGES),
    ]);
    const [ctx, totals, changes, badges, answers] = await Promise.all([
      this.contexts.create(request),
      // Only boards this viewer may read, as in the API (ProfileReader decides for both).
      this.profiles.boardTotals(actor, id),
      this.profiles.history(actor, id, null, HISTORY, null),
      this.profiles.badges(actor, id, null),
      this.pages.topAnswersOf(id, 10),
    ]);
    const boardIds = [...new Set([...totals.map((x) => x.boardId), ...badges.map((b) => b.boardId.toHexString())])];
    const [boards, threads] = await Promise.all([
      this.boards.findByIds(boardIds.map((b) => new Types.ObjectId(b))),
      this.queries.visibleThreads(actor, [...new Set(answers.map((a) => a.threadId.toHexString()))]),
    ]);
    const boardById = new Map(boards.map((b) => [b._id.toHexString(), b]));
    const threadById = new Map(threads.map((th) => [th._id.toHexString(), th]));
    const { t } = ctx;
    const rows = totals
      .filter((x) => boardById.has(x.boardId))
      .sort((a, b) => b.total - a.total)
      .map((x) => {
        const board = boardById.get(x.boardId)!;
        const deltas = changes.filter((c) => c.boardId.toHexString() === x.boardId).map((c) => c.delta);
        return html`<li><div class="row spread"><a href="${boardPath(board.slug)}">${board.title}</a><strong>${x.total}</strong></div>${historyChart(
          totalsOverTime(x.total, deltas),
          t('web.profile.chart', { board: board.title }),
        )}</li>`;
      });
    const badgeList = badges
      .filter((b) => boardById.has(b.boardId.toHexString()))
      .map(
        (b) =>
          html`<li><span class="badge ${b.kind === 'OFFICIAL_EXPERT' ? 'expert' : b.tier.toLowerCase()}">${t(`web.badge.${b.kind}`)}</span> <span class="muted small">${boardById.get(b.boardId.toHexString())!.title}</span></li>`,
      );
    const top = answers
      .filter((a) => threadById.has(a.threadId.toHexString()))
      .map((a) => {
        const thread = threadById.get(a.threadId.toHexString())!;
        return html`<li><span class="score">${a.score}</span> <a href="${threadPath({ id: thread._id.toHexString(), title: thread.title })}#a-${a._id.toHexString()}">${thread.title}</a>${a.isAccepted ? html` <span class="label accepted">✓</span>` : null}</li>`;
      });
    const seen = lastSeenBucket(lastSeen, this.clock.now());
    const here = userPath(user.handle);
    const postList = (kind: 'questions' | 'answers', page: Page<ProfilePost>) =>
      profilePostList(ctx, kind, page, (cursor) => `${here}?${new URLSearchParams({ [kind]: cursor })}#${kind}`);
    const importedList = imported.map(
      (b) =>
        html`<li><span class="badge ${b.tier.toLowerCase()}">${b.name}</span> <span class="muted small">${t('web.profile.importedFrom', { site: b.origin.site })}</span></li>`,
    );
    const body = html`<h1 class="person">${avatar(user, 'large')} ${user.displayName} <span class="muted small">@${user.handle}</span></h1>
${user.bio ? html`<p>${user.bio}</p>` : null}
<ul class="facts row small muted">
<li>${t('web.profile.memberSince', { date: formatDate(ctx, user.createdAt) })}</li>
${seen ? html`<li>${t(`web.profile.lastSeen.${seen}`)}</li>` : null}
<li><strong>${reached}</strong> ${t('web.profile.reached', { count: reached })}</li>
</ul>
<div class="layout"><div>
<section class="card" aria-labelledby="rep"><h2 id="rep">${t('web.profile.reputation')}</h2>${rows.length ? html`<ul class="plain">${rows}</ul>` : html`<p class="muted">${t('web.profile.noReputation')}</p>`}</section>
<section class="card" aria-labelledby="top"><h2 id="top">${t('web.profile.topAnswers')}</h2>${top.length ? html`<ul class="plain">${top}</ul>` : html`<p class="muted">${t('web.profile.noAnswers')}</p>`}</section>
${postList('questions', questions)}
${postList('answers', myAnswers)}
</div><aside><section class="card" aria-labelledby="badges"><h2 id="badges">${t('web.profile.badges')}</h2>${badgeList.length ? html`<ul class="plain">${badgeList}</ul>` : html`<p class="muted">${t('web.profile.noBadges')}</p>`}</section>
${importedList.length ? html`<section class="card" aria-labelledby="imported"><h2 id="imported">${t('web.profile.importedBadges')}</h2><ul class="plain">${importedList}</ul></section>` : null}</aside></div>`;
    sendPage(
      request,
      response,
      layout(ctx, { title: user.displayName, canonical: `${ctx.baseUrl}${userPath(user.handle)}`, body }),
      {
        isPublic: true,
      },
    );
  }

  @Public()
  @Get('b/:slug/leaderboard')
  async leaderboard(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('period') asked?: string,
  ) {
    const period: Period = PERIODS.find((p) => p === asked) ?? 'all';
    const board = await this.boards.viewBoard(request.actor ?? null, slug);
    const boardId = board._id.toHexString();
    // Over-fetch, then keep one audience per table (as the GraphQL leaderboard does).
    const [ctx, top] = await Promise.all([
      this.contexts.create(request),
      period === 'all'
        ? this.reputation.topOnBoard(boardId, TOP * 4, 1)
        : this.reputation.topInPeriod(boardId, period.toUpperCase() as PeriodKind, this.clock.now(), TOP * 4),
    ]);
    const [roles, users] = await Promise.all([
      this.memberships.rolesOnBoard(
        board._id,
        top.map((row) => new Types.ObjectId(row.userId)),
      ),
      this.users.findByIds(top.map((row) => row.userId)),
    ]);
    const userById = new Map(users.map((u) => [u._id.toHexString(), u]));
    const { t } = ctx;
    const table = (isStaff: boolean, headingKey: string, id: string) => {
      const rows = top
        .filter((row) => (roles.get(row.userId) === BoardRole.STAFF) === isStaff && userById.has(row.userId))
        .slice(0, TOP);
      return html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${t(headingKey)}</h2>${
        rows.length
          ? html`<table><thead><tr><th scope="col">#</th><th scope="col">${t('web.leaderboard.who')}</th><th scope="col">${t('web.leaderboard.reputation')}</th></tr></thead><tbody>${rows.map(
              (row, i) =>
                html`<tr><td>${i + 1}</td><td><a href="${userPath(userById.get(row.userId)!.handle)}">${userById.get(row.userId)!.displayName}</a></td><td>${row.total}</td></tr>`,
            )}</tbody></table>`
          : html`<p class="muted">${t('web.leaderboard.empty')}</p>`
      }</section>`;
    };
    const title = t('web.leaderboard.title', { board: board.title });
    const tabs = html`<nav aria-label="${t('web.leaderboard.periods')}"><ul class="pill-nav">${PERIODS.map(
      (p) =>
        html`<li><a href="${boardPath(slug)}/leaderboard?period=${p}"${p === period ? html` aria-current="page"` : ''}>${t(`web.leaderboard.period.${p}`)}</a></li>`,
    )}</ul></nav>`;
    const body = html`<h1>${title}</h1><p><a href="${boardPath(slug)}">${board.title}</a></p>${tabs}${table(false, 'web.leaderboard.peers', 'peers')}${table(true, 'web.leaderboard.staff', 'staff')}`;
    sendPage(request, response, layout(ctx, { title, body }), { isPublic: true });
  }
}

/** A profile's questions or answers, newest first, with a "more" link that keeps its place. */
function profilePostList(
  ctx: WebContext,
  kind: 'questions' | 'answers',
  page: Page<ProfilePost>,
  moreHref: (cursor: string) => string,
): SafeHtml {
  const { t } = ctx;
  const rows = page.rows.slice(0, POSTS_PER_PAGE);
  const items = rows.map(({ post, thread }) => {
    const href = threadPath({ id: thread._id.toHexString(), title: thread.title });
    return html`<li><span class="score">${post.score}</span> <a href="${kind === 'answers' ? `${href}#a-${post._id.toHexString()}` : href}">${thread.title}</a>${
      post.isAccepted ? html` <span class="label accepted">✓</span>` : null
    } <time class="muted small" datetime="${post.createdAt.toISOString()}">${formatDate(ctx, post.createdAt)}</time></li>`;
  });
  const more =
    page.rows.length > POSTS_PER_PAGE
      ? html`<p><a class="button secondary" href="${moreHref(encodeCursor(page.cursorOf(rows.at(-1)!) as never))}">${t('web.board.more')}</a></p>`
      : null;
  return html`<section class="card" id="${kind}" aria-labelledby="${kind}-h"><h2 id="${kind}-h">${t(`web.profile.${kind}`)}</h2>${
    items.length ? html`<ul class="plain">${items}</ul>` : html`<p class="muted">${t(`web.profile.no.${kind}`)}</p>`
  }${more}</section>`;
}
