// GET /b/<slug>: a board's threads (active, newest, votes, unanswered; tag filter; pinned first)
// with "more" paging by cursor, the follow button, and the board's staff and experts.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public, SignedIn } from '@helpboard/core';
import { BoardAccessService, BoardRole, BoardService, MembershipService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { FollowService } from '@helpboard/notifications';
import { ThreadQueryService, ThreadSort } from '@helpboard/threads';
import { html } from '../../render/html.js';
import { boardPath, tagIndexPath, tagPath, userPath } from '../../render/urls.js';
import { sortOf, sortTabs, threadList, THREADS_PER_PAGE } from './thread-list.view.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { BoardTools, toolLinks } from '../staff/board-tools.js';

@Controller()
@UseFilters(WebExceptionFilter)
export class BoardController {
  constructor(
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly queries: ThreadQueryService,
    private readonly memberships: MembershipService,
    private readonly users: UsersService,
    private readonly follows: FollowService,
    private readonly contexts: WebContextFactory,
    private readonly tools: BoardTools,
  ) {}

  @Public()
  @Get('b/:slug')
  async board(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('sort') sortParam?: string,
    @Query('tag') tag?: string,
    @Query('after') after?: string,
  ): Promise<void> {
    const actor = request.actor ?? null;
    const sort = sortOf(sortParam);
    const board = await this.boards.viewBoard(actor, slug);
    const [ctx, page, members, tools, isFollowing] = await Promise.all([
      this.contexts.create(request, actor ? response : undefined),
      this.queries.listThreads(actor, {
        boardSlug: slug,
        sort: sort.toUpperCase() as ThreadSort,
        tag: tag || null,
        limit: THREADS_PER_PAGE + 1,
        after: after || null,
      }),
      this.memberships.usersWithRoles(board._id, [BoardRole.STAFF, BoardRole.EXPERT]),
      this.tools.on(actor, board),
      actor ? this.follows.isFollowingBoard(actor.userId, board._id) : Promise.resolve(false),
    ]);
    const people = await this.users.findByIds(members.slice(0, 20).map((m) => m.userId.toHexString()));
    const { t } = ctx;
    const query = (extra: Record<string, string>) =>
      `${boardPath(slug)}?${new URLSearchParams({ sort, ...(tag ? { tag } : {}), ...extra })}`;
    const follow = ctx.viewer
      ? html`<form method="post" action="/b/${slug}/${isFollowing ? 'unfollow' : 'follow'}">${csrfField(ctx)}<button type="submit" class="secondary">${t(isFollowing ? 'web.board.unfollow' : 'web.board.follow')}</button></form>`
      : html`<a class="button secondary" href="/login?next=${encodeURIComponent(ctx.path)}">${t('web.board.follow')}</a>`;
    const roleOf = new Map(members.map((m) => [m.userId.toHexString(), m.role]));
    const team = people.length
      ? html`<section class="card" aria-labelledby="team"><h2 id="team">${t('web.board.team')}</h2><ul class="plain">${people.map(
          (u) =>
            html`<li><a href="${userPath(u.handle)}">${u.displayName}</a> <span class="badge ${roleOf.get(u._id.toHexString()) === BoardRole.STAFF ? 'staff' : 'expert'}">${t(roleOf.get(u._id.toHexString()) === BoardRole.STAFF ? 'web.author.staff' : 'web.board.expert')}</span></li>`,
        )}</ul></section>`
      : null;
    const body = html`<div class="row spread"><h1>${board.title}</h1><div class="row">${follow}<a class="button" href="/b/${slug}/ask">${t('web.board.ask')}</a></div></div>
<p class="small row"><a href="/b/${slug}/leaderboard">${t('web.nav.leaderboard')}</a> <a href="${tagIndexPath(slug)}">${t('web.tags.title')}</a></p>
${toolLinks(ctx, tools, t('web.staff.boardTools'))}
${board.description ? html`<p>${board.description}</p>` : null}
${tag ? html`<p>${t('web.board.taggedWith')} <a class="tag" href="${tagPath(slug, tag)}">${tag}</a> <a href="${boardPath(slug)}">${t('web.board.clearTag')}</a></p>` : null}
<div class="layout"><div>${sortTabs(ctx, boardPath(slug), sort, tag ? { tag } : {})}
${threadList(ctx, board, page, (after) => query({ after }))}</div>
<aside>${team}</aside></div>`;
    sendPage(
      request,
      response,
      layout(ctx, {
        title: board.title,
        description: board.description || board.title,
        canonical: `${ctx.baseUrl}${boardPath(slug)}`,
        body,
      }),
      { isPublic: true },
    );
  }

  @SignedIn()
  @Post('b/:slug/follow')
  @HttpCode(200)
  async follow(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Body() _form: unknown,
  ) {
    await this.follows.follow(request.actor!, { boardSlug: slug });
    response.redirect(303, boardPath(slug));
  }

  @SignedIn()
  @Post('b/:slug/unfollow')
  @HttpCode(200)
  async unfollow(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Body() _form: unknown,
  ) {
    await this.follows.unfollow(request.actor!, { boardSlug: slug });
    response.redirect(303, boardPath(slug));
  }
}
