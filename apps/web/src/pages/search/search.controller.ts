// GET /search?q=…[&board=…][&tag=…][&sort=…]: full-text search with highlighted titles and
// snippets, and facets by board and tag that narrow the results (plain links).
import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { BoardAccessService } from '@helpboard/boards';
import { SearchPort, type SearchSort } from '@helpboard/search';
import { ThreadQueryService } from '@helpboard/threads';
import { html, trustedHtml } from '../../render/html.js';
import { threadPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const PAGE = 20;
const MAX_OFFSET = 1000;
const SORTS: Record<string, SearchSort> = { relevance: 'RELEVANCE', newest: 'NEWEST', votes: 'VOTES' };

@Controller()
@UseFilters(WebExceptionFilter)
export class SearchController {
  constructor(
    private readonly search: SearchPort,
    private readonly queries: ThreadQueryService,
    private readonly access: BoardAccessService,
    private readonly contexts: WebContextFactory,
  ) {}

  @Public()
  @Get('search')
  async results(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('q') q?: string,
    @Query('board') board?: string,
    @Query('tag') tag?: string,
    @Query('sort') sort?: string,
    @Query('offset') offsetParam?: string,
  ) {
    const actor = request.actor ?? null;
    const ctx = await this.contexts.create(request);
    const { t } = ctx;
    const text = (typeof q === 'string' ? q : '').trim().slice(0, 200);
    const offset = Math.min(Math.max(Number(offsetParam) || 0, 0), MAX_OFFSET);
    const params = (extra: Record<string, string | undefined>) => {
      const merged: Record<string, string> = {};
      for (const [k, v] of Object.entries({ q: text, board, tag, sort, ...extra })) if (v) merged[k] = v;
      return `/search?${new URLSearchParams(merged)}`;
    };
    let results = html`<p class="muted">${t('web.search.prompt')}</p>`;
    let facets = html``;
    if (text) {
      const page = await this.search.search({
        text,
        boardSlug: typeof board === 'string' && board ? board : undefined,
        tags: typeof tag === 'string' && tag ? [tag] : undefined,
        privateBoards: await this.access.privateBoardsVisibleTo(actor),
        sort: SORTS[sort ?? ''] ?? 'RELEVANCE',
        limit: PAGE,
        offset,
      });
      const threads = new Map(
        (
          await this.queries.visibleThreads(
            actor,
            page.hits.map((h) => h.id),
          )
        ).map((th) => [th._id.toHexString(), th]),
      );
      const items = page.hits.flatMap((hit) => {
        const thread = threads.get(hit.id);
        if (!thread) return [];
        // Highlights come from the search port: escaped text with <mark> around matches.
        return [
          html`<li><a href="${threadPath({ id: hit.id, title: thread.title })}">${trustedHtml(hit.titleHighlight)}</a><p class="small">${trustedHtml(hit.snippet)}</p><p class="small muted">${t('web.board.answers', { count: thread.answerCount })}${thread.acceptedAnswerId ? html` · <span class="label accepted">✓ ${t('web.post.accepted')}</span>` : null}</p></li>`,
        ];
      });
      results = html`<p class="muted" role="status">${t('web.search.count', { count: page.total })}</p>${
        items.length ? html`<ul class="plain card">${items}</ul>` : null
      }${offset + PAGE < page.total ? html`<p><a class="button secondary" href="${params({ offset: String(offset + PAGE) })}">${t('web.search.more')}</a></p>` : null}`;
      const facetList = (
        heading: string,
        id: string,
        values: { value: string; count: number }[],
        key: 'board' | 'tag',
      ) =>
        values.length
          ? html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul class="plain">${values.map(
              (f) =>
                html`<li><a href="${params({ [key]: f.value, offset: undefined })}"${(key === 'board' ? board : tag) === f.value ? html` aria-current="true"` : null}>${f.value}</a> <span class="muted">(${f.count})</span></li>`,
            )}</ul></section>`
          : null;
      facets = html`${facetList(t('web.search.boards'), 'fb', page.facets.boards, 'board')}${facetList(t('web.search.tags'), 'ft', page.facets.tags, 'tag')}`;
    }
    const body = html`<h1>${t('web.nav.search')}</h1>
<form method="get" action="/search" role="search" class="row"><label class="vh" for="search-q">${t('web.nav.search')}</label><input id="search-q" type="search" name="q" value="${text}">${board ? html`<input type="hidden" name="board" value="${board}">` : null}<button type="submit">${t('web.nav.search')}</button></form>
<nav aria-label="${t('web.search.sort')}"><ul class="pill-nav">${['relevance', 'newest', 'votes'].map(
      (s) =>
        html`<li><a href="${params({ sort: s, offset: undefined })}"${(sort ?? 'relevance') === s ? html` aria-current="page"` : null}>${t(`web.search.sort.${s}`)}</a></li>`,
    )}</ul></nav>
<div class="layout"><div>${results}</div><aside>${facets}</aside></div>`;
    sendPage(
      request,
      response,
      layout(ctx, { title: text ? `${t('web.nav.search')}: ${text}` : t('web.nav.search'), robots: 'noindex', body }),
      {
        isPublic: true,
      },
    );
  }
}
