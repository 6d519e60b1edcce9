// GET /o/<slug>: an operator's home: its boards by kind and region, what is busy and new across
// them, and the people who answer most.
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { boardLanguages, BoardService, OperatorService } from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { ReputationReader } from '@helpboard/reputation';
import { ThreadQueryService, type ThreadRecord, ThreadSort } from '@helpboard/threads';
import { html, type SafeHtml } from '../../render/html.js';
import { boardPath, threadPath, userPath } from '../../render/urls.js';
import { languageNames } from '../../render/language-names.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

/** Boards sampled for the highlights (first page only); the board list pages through them all. */
const SAMPLED_BOARDS = 8;
/** Boards per page of the list, by slug; an operator may run hundreds (one per region and product). */
const BOARDS_PER_PAGE = 50;
const SLUG_PATTERN = /^[a-z0-9-]{1,60}$/;
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
  async operator(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('after') afterParam?: string,
  ): Promise<void> {
    const actor = request.actor ?? null;
    const operator = await this.operators.requireBySlug(slug);
    const after = afterParam && SLUG_PATTERN.test(afterParam) ? afterParam : undefined;
    const [ctx, page] = await Promise.all([
      this.contexts.create(request),
      this.boards.listBoards(actor, { operatorSlug: slug, limit: BOARDS_PER_PAGE + 1, afterSlug: after }),
    ]);
    const boards = page.slice(0, BOARDS_PER_PAGE);
    const nextAfter = page.length > BOARDS_PER_PAGE ? boards.at(-1)!.slug : null;
    // Highlights and helpers belong to the operator's front page, not to each page of its list.
    const sampled = after ? [] : boards.filter((b) => !b.archivedAt).slice(0, SAMPLED_BOARDS);
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
    // Candidates from each board's leaders, ranked by the one figure shown for them: reputation on
    // this operator's boards (what its privileges use), not a sum of the sampled boards' totals.
    const candidates = [...new Set(tops.flat().map((row) => row.userId))];
    const scores = await Promise.all(candidates.map((id) => this.reputation.onOperator(id, operator._id)));
    const sums = new Map(candidates.map((id, i) => [id, scores[i]]));
    const expertIds = [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, HIGHLIGHTS)
      .map(([id]) => id);
    const experts = new Map((await this.users.findByIds(expertIds)).map((u) => [u._id.toHexString(), u]));
    const regions = new Intl.DisplayNames([ctx.locale], { type: 'region', fallback: 'code' });
    const regionName = (code: string) => {
      try {
        return regions.of(code.toUpperCase()) ?? code;
      } catch {
        return code; // not an ISO region code: shown as given
      }
    };
    const { t } = ctx;
    const kinds = [...new Set(boards.map((b) => b.kind))];
    const sections = kinds.map(
      (kind) =>
        html`<section class="card" aria-labelledby="k-${kind}"><h2 id="k-${kind}">${t(`web.boardKind.${kind}`)}</h2><ul class="plain">${boards
          .filter((b) => b.kind === kind)
          .map(
            (b) =>
              html`<li><a href="${boardPath(b.slug)}">${b.title}</a>${b.region ? html` <span class="muted small">· ${t('web.operator.region', { region: regionName(b.region) })}</span>` : null} <span class="muted small">· ${t('web.operator.languages', { languages: languageNames(ctx.locale, boardLanguages(b)).join(', ') })}</span>${b.description ? html`<div class="small muted">${b.description}</div>` : null}</li>`,
          )}</ul></section>`,
    );
    // Busy: answered threads, most recently active first. New: the newest questions not already
    // listed as busy, so the two lists never repeat each other.
    const busiest = [...active]
      .filter((th) => th.answerCount > 0)
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime())
      .slice(0, HIGHLIGHTS);
    const busyIds = new Set(busiest.map((th) => th._id.toHexString()));
    const latest = [...newest]
      .filter((th) => !busyIds.has(th._id.toHexString()))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, HIGHLIGHTS);
    const expertList = expertIds.filter((id) => experts.has(id));
    const more = html`<nav class="row" aria-label="${t('web.operator.boardPages')}">${
      after ? html`<a class="button secondary" href="/o/${slug}">${t('web.operator.firstBoards')}</a>` : null
    }${nextAfter ? html`<a class="button secondary" rel="next" href="/o/${slug}?after=${encodeURIComponent(nextAfter)}">${t('web.operator.moreBoards')}</a>` : null}</nav>`;
    const body = html`<h1>${operator.name}</h1>
<div class="layout"><div>${sections.length ? sections : html`<p class="muted">${t('web.board.noBoards')}</p>`}${after || nextAfter ? more : null}
${threadList(ctx, 'busy', t('web.operator.busiest'), busiest)}${threadList(ctx, 'new', t('web.operator.newest'), latest)}</div>
<aside>${
      expertList.length
        ? html`<section class="card" aria-labelledby="experts"><h2 id="experts">${t('web.operator.experts')}</h2><p class="small muted">${t('web.operator.expertsNote', { operator: operator.name })}</p><ul class="plain">${expertList.map(
            (id) =>
              html`<li><a href="${userPath(experts.get(id)!.handle)}">${experts.get(id)!.displayName}</a> <span class="muted">${t('web.operator.reputation', { score: sums.get(id)! })}</span></li>`,
          )}</ul></section>`
        : null
    }</aside></div>`;
    sendPage(
      request,
      response,
      layout(ctx, {
        title: operator.name,
        canonical: `${ctx.baseUrl}/o/${slug}`,
        body,
        robots: after ? 'noindex' : undefined,
      }),
      { isPublic: true },
    );
  }
}
