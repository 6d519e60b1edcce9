// GET /t/<id>/<slug>: the thread page. Anonymous readers share one rendering per locale (kept
// in the public query cache, dropped by every committed change of the thread) with an ETag, so
// repeat visits and crawlers revalidate with a 304. Answers past the first page are at
// ?answers=N (a stable URL, cached and revalidated the same way, one entry per page).
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Clock, NotFoundError, PublicQueryCache, Public } from '@helpboard/core';
import { ViewCounter, viewerKey } from '@helpboard/threads';
import { threadPath } from '../../render/urls.js';
import { etagOf, sendPage, sendPublic } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { mayHaveToolsOn } from '../../http/viewer-state.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { MAX_ANSWER_PAGES, ThreadPageLoader } from './thread-page.data.js';
import { threadView } from './thread.view.js';
import { decodeRule } from './rule-notice.js';
import { BoardTools } from '../staff/board-tools.js';
import { SupportCaseService } from '@helpboard/insights';

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);
/** Whether the slug in the URL is the thread's current one (else: 301 to the canonical URL). */
const isCanonical = (slug: string | undefined, path: string) =>
  slug !== undefined && encodeURIComponent(slug) === path.split('/')[3];
/** The answers page asked for: 1 without the parameter, null (no such page) for anything odd. */
function answerPageOf(value: unknown): number | null {
  if (value === undefined) return 1;
  const page = typeof value === 'string' && /^[1-9][0-9]{0,3}$/.test(value) ? Number(value) : 0;
  return page >= 1 && page <= MAX_ANSWER_PAGES ? page : null;
}
const withPage = (path: string, page: number) => (page > 1 ? `${path}?answers=${page}` : path);

/**
 * E-mails sent before the links were fixed point at /threads/<id>: they answer with a redirect
 * to the thread (the browser keeps the #answer fragment), not a 404.
 */
@Controller('threads')
export class LegacyThreadLinkController {
  @Public()
  @Get(':id')
  redirect(@Res() response: Response, @Param('id') id: string): void {
    if (isObjectId(id)) response.redirect(301, `/t/${id}`);
    else response.status(404).type('text/plain').end('Not found');
  }
}

@Controller('t')
@UseFilters(WebExceptionFilter)
export class ThreadController {
  constructor(
    private readonly loader: ThreadPageLoader,
    private readonly contexts: WebContextFactory,
    private readonly cache: PublicQueryCache,
    private readonly views: ViewCounter,
    private readonly tools: BoardTools,
    private readonly cases: SupportCaseService,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Get(':id')
  withoutSlug(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('rule') rule?: string,
    @Query('answers') answers?: string,
  ) {
    return this.page(request, response, id, undefined, rule, answers);
  }

  @Public()
  @Get(':id/:slug')
  async page(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Param('slug') slug?: string,
    @Query('rule') rule?: string,
    @Query('answers') answers?: string,
  ): Promise<void> {
    const answerPage = answerPageOf(answers);
    if (!isObjectId(id) || answerPage === null) throw new NotFoundError('Thread', 'THREAD_NOT_FOUND');
    const actor = request.actor ?? null;
    this.views.record(id, viewerKey(actor?.userId ?? null, request));
    const ctx = await this.contexts.create(request, actor ? response : undefined);
    const cacheKey = `web:thread:${id}:${ctx.locale}:${answerPage}`;
    if (!actor && !rule) {
      const hit = this.cache.get(cacheKey) as { body: string; etag: string; path: string } | undefined;
      if (hit) {
        if (!isCanonical(slug, hit.path)) return response.redirect(301, withPage(hit.path, answerPage));
        return sendPublic(request, response, hit.body, hit.etag);
      }
    }
    const generation = this.cache.generation;
    const data = await this.loader.load(actor, id, answerPage, ctx.viewer?.state ?? null);
    if (!data) throw new NotFoundError('Thread', 'THREAD_NOT_FOUND');
    const path = threadPath({ id, title: data.thread.title });
    if (!rule && !isCanonical(slug, path)) return response.redirect(301, withPage(path, answerPage));
    // Links on the page ("log in to answer") return to the canonical URL, whatever was typed.
    ctx.path = withPage(path, answerPage);
    // Signed-in readers' staff tools on this board (none in the shared anonymous rendering; none to
    // look up for readers without a staff role there), and the thread's support case: everyone
    // sees that staff handle it, the asker and staff its state (never its private reason). Opening
    // a case publishes ThreadChanged, so the page's data follows; its state is read afresh.
    const viewer = ctx.viewer;
    const tools =
      actor && (!viewer || mayHaveToolsOn(actor, viewer.state, data.board))
        ? await this.tools.on(actor, data.board)
        : [];
    const isAsker = actor !== null && data.thread.authorId.equals(actor.userId);
    const mayKnowState = isAsker || tools.some((tool) => tool.key === 'escalations');
    const supportCase =
      data.supportCase && mayKnowState ? ((await this.cases.casesOf([id]))[0] ?? null) : data.supportCase;
    const caseView = supportCase ? { state: mayKnowState ? supportCase.state : null } : null;
    const page = threadView(
      ctx,
      actor ? { ...data, now: this.clock.now() } : data,
      decodeRule(rule, ctx.locale),
      tools,
      caseView,
    );
    if (actor || rule) return sendPage(request, response, page);
    const etag = etagOf(page.value);
    this.cache.set(cacheKey, [`thread:${id}`], { body: page.value, etag, path }, generation);
    sendPublic(request, response, page.value, etag);
  }
}
