// GET /o/<slug>: an operator's home: its boards by kind and region, what is busy and new across
// them, and the people who answer most.
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { BoardService, OperatorService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { ReputationReader } from '@helpboard/reputation';
import { ThreadQueryService, type ThreadRecord, ThreadSort } from '@helpboard/threads';
import { html, type SafeHtml } from '../../render/html.js';
import { boardPath, threadPath, userPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

/** Boards sampled for the highlights; the board list itself shows them all. */
const SAMPLED_BOARDS = 8;
const HIGHLIGHTS = 6;

function threadList(ctx: WebContext, id: string, heading: string, threads: ThreadRecord[]): SafeHtml | null {
  if (threads.length === 0) return null;
  return html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul class="plain">${threads.map(
    (th) =>
      html`<li><a href="${threadPath({ id: th._id.toHexString(), title: th.title })}">${th.title}</a> <span class="muted small">${ctx.t('web.board.answers', { count: th.answerCount })}</span></li>`,
  )}</ul></section>`;
}

@Controller()
@UseFilters(WebExceptionFilter)
export class OperatorController {
  constructor(
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly queries: ThreadQueryService,
    private readonly reputation: ReputationReader,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  @Public()
  @Get('o/:slug')
  async operator(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string): Promise<void> {
    const actor = request.actor ?? null;
    const operator = await this.operators.requireBySlug(slug);
    const [ctx, boards] = await Promise.all([
      this.contexts.create(request),
      this.boards.listBoards(actor, { operatorSlug: slug, limit: 100 }),
    ]);
    const sampled = boards.filter((b) => !b.archivedAt).slice(0, SAMPLED_BOARDS);
    const list = (sort: ThreadSort) =>
      Promise.all(
        sampled.map((b) =>
          this.queries.listThreads(actor, { boardSlug: b.slug, sort, limit: HIGHLIGHTS }).then((page) => page.rows),
        ),
      ).then((lists) => lists.flat());
    const [active, newest, tops] = await Promise.all([
      list(ThreadSort.ACTIVE),
      list(ThreadSort.NEWEST),
      Promise.all(sampled.map((b) => this.reputation.topOnBoard(b._id.toHexString(), HIGHLIGHTS, 1))),
    ]);
    const sums = new Map<string, number>();
    for (const row of tops.flat()) sums.set(row.userId, (sums.get(row.userId) ?? 0) + row.total);
    const expertIds = [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, HIGHLIGHTS)
      .map(([id]) => id);
    const experts = new Map((await this.users.findByIds(expertIds)).map((u) => [u._id.toHexString(), u]));
    const { t } = ctx;
    const kinds = [...new Set(boards.map((b) => b.kind))];
    const sections = kinds.map(
      (kind) =>
        html`<section class="card" aria-labelledby="k-${kind}"><h2 id="k-${kind}">${t(`web.boardKind.${kind}`)}</h2><ul class="plain">${boards
          .filter((b) => b.kind === kind)
          .map(
            (b) =>
              html`<li><a href="${boardPath(b.slug)}">${b.title}</a>${b.region ? html` <span class="muted small">· ${b.region}</span>` : null}${b.description ? html`<div class="small muted">${b.description}</div>` : null}</li>`,
          )}</ul></section>`,
    );
    const busiest = [...active]
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime())
      .slice(0, HIGHLIGHTS);
    const latest = [...newest].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, HIGHLIGHTS);
    const expertList = expertIds.filter((id) => experts.has(id));
    const body = html`<h1>${operator.name}</h1>
<div class="layout"><div>${sections.length ? sections : html`<p class="muted">${t('web.board.noBoards')}</p>`}
${threadList(ctx, 'busy', t('web.operator.busiest'), busiest)}${threadList(ctx, 'new', t('web.operator.newest'), latest)}</div>
<aside>${
      expertList.length
        ? html`<section class="card" aria-labelledby="experts"><h2 id="experts">${t('web.operator.experts')}</h2><ul class="plain">${expertList.map(
            (id) =>
              html`<li><a href="${userPath(experts.get(id)!.handle)}">${experts.get(id)!.displayName}</a> <span class="muted">${sums.get(id)}</span></li>`,
          )}</ul></section>`
        : null
    }</aside></div>`;
    sendPage(request, response, layout(ctx, { title: operator.name, canonical: `${ctx.baseUrl}/o/${slug}`, body }), {
      isPublic: true,
    });
  }
}
