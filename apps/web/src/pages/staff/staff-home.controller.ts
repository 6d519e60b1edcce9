// GET /me/staff: the staff desk — where a signed-in person's staff pages are: the operators they
// administer (their operator-wide insights and administration), each board they help run with the
// tools it gives them and what waits in each, and their referral page for reps. The tools come
// from the same access decision the pages make (BoardTools), so operator admins see every board of
// their operators and no one sees a link that would answer "forbidden".
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '@helpboard/core';
import { type BoardRecord, BoardService, MembershipService, OperatorService } from '@helpboard/boards';
import { html } from '../../render/html.js';
import { boardPath, operatorPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { TEAM_ROLES, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { BoardTools, toolLinks } from './board-tools.js';

/** Boards listed per operator (administration pages list them all). */
const BOARDS_PER_OPERATOR = 50;

@Controller()
@UseFilters(WebExceptionFilter)
export class StaffHomeController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly tools: BoardTools,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('me/staff')
  async home(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const actor = request.actor!;
    const [ctx, roles, operators] = await Promise.all([
      this.contexts.create(request),
      this.memberships.boardsWithRolesOf(actor.userId, TEAM_ROLES),
      this.operators.administeredBy(actor.userId),
    ]);
    const operatorBoards = await Promise.all(
      operators.map((operator) =>
        this.boards.listBoards(actor, { operatorSlug: operator.slug, limit: BOARDS_PER_OPERATOR }),
      ),
    );
    const boards = new Map<string, BoardRecord>();
    for (const board of [...roles.map((row) => row.board), ...operatorBoards.flat()]) {
      boards.set(board._id.toHexString(), board);
    }
    const roleOf = new Map(roles.map(({ board, role }) => [board._id.toHexString(), role]));
    const rows = await Promise.all(
      [...boards.values()].map(async (board) => ({ board, tools: await this.tools.on(actor, board) })),
    );
    const { t } = ctx;
    const operatorList = operators.length
      ? html`<section class="card" aria-labelledby="home-operators"><h2 id="home-operators">${t('web.staff.home.operators')}</h2>
          <ul class="plain">${operators.map(
            (operator) => html`<li><a href="${operatorPath(operator.slug)}">${operator.name}</a>
              <span class="badge staff">${t('web.staff.role.OPERATOR_ADMIN')}</span>
              <ul class="pill-nav"><li><a href="/o/${operator.slug}/insights">${t('web.staff.home.operatorInsights')}</a></li>
                <li><a href="/o/${operator.slug}/admin">${t('web.staff.home.operatorAdmin')}</a></li></ul></li>`,
          )}</ul></section>`
      : null;
    const boardList = rows.filter((row) => row.tools.length > 0);
    const boardsCard = html`<section class="card" aria-labelledby="home-boards"><h2 id="home-boards">${t('web.staff.home.boards')}</h2>${
      boardList.length
        ? html`<ul class="plain">${boardList.map(({ board, tools }) => {
            const role = roleOf.get(board._id.toHexString());
            return html`<li><a href="${boardPath(board.slug)}">${board.title}</a> ${
              role ? html`<span class="badge staff">${t(`web.staff.role.${role}`)}</span>` : null
            }${board.archivedAt ? html` <span class="label closed">${t('web.staff.archived')}</span>` : null}
              ${toolLinks(ctx, tools, t('web.staff.toolsOn', { board: board.title }))}</li>`;
          })}</ul>`
        : html`<p class="muted">${t('web.staff.home.none')}</p>`
    }</section>`;
    const referrals = ctx.viewer?.reach.isRep
      ? html`<section class="card" aria-labelledby="home-rep"><h2 id="home-rep">${t('web.staff.referrals.title')}</h2>
          <p><a href="/me/referrals">${t('web.staff.home.referrals')}</a></p></section>`
      : null;
    const body = html`<h1>${t('web.staff.home.title')}</h1>${operatorList}${boardsCard}${referrals}`;
    sendPage(request, response, layout(ctx, { title: t('web.staff.home.title'), robots: 'noindex', body }));
  }
}
