// GET /b/<slug>/tags: a board's tag index (counts, descriptions, a name filter, numbered pages).
// GET /b/<slug>/tags/<tag>: one tag — its questions (sorts, "more" paging), description (with the
// moderators' edit form), top answerers, and follow/unfollow (new questions with the tag then
// reach the follower through the notifications lib's NEW_QUESTION notice).
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode, Public, SignedIn } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { FollowService } from '@helpboard/notifications';
import { TAG_DESCRIPTION_MAX, TagService, ThreadQueryService, ThreadSort } from '@helpboard/threads';
import { html } from '../../render/html.js';
import { boardPath, tagIndexPath, tagPath, userPath } from '../../render/urls.js';
import { field } from '../../render/forms.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { sortOf, sortTabs, threadList, THREADS_PER_PAGE } from '../board/thread-list.view.js';

const TAGS_PER_PAGE = 60;
const TOP_ANSWERERS = 5;
const MAX_PAGE = 1000;
type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

@Controller()
@UseFilters(WebExceptionFilter)
export class TagsController {
  constructor(
    private readonly tags: TagService,
    private readonly queries: ThreadQueryService,
    private readonly follows: FollowService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  @Public()
  @Get('b/:slug/tags')
  async index(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('q') search?: string,
    @Query('page') pageParam?: string,
  ): Promise<void> {
    const actor = request.actor ?? null;
    const page = /^[1-9][0-9]{0,3}$/.test(pageParam ?? '') ? Math.min(Number(pageParam), MAX_PAGE) : 1;
    const q = (search ?? '').slice(0, 35);
    const [ctx, found] = await Promise.all([
      this.contexts.create(request),
      this.tags.tagIndex(actor, slug, { search: q, skip: (page - 1) * TAGS_PER_PAGE, limit: TAGS_PER_PAGE }),
    ]);
    const { t } = ctx;
    const pages = Math.max(1, Math.ceil(found.total / TAGS_PER_PAGE));
    const at = (n: number) => `${tagIndexPath(slug)}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    const items = found.tags.map(
      (tag) =>
        html`<li><a class="tag" href="${tagPath(slug, tag.name)}">${tag.name}</a> <span class="muted small">${t('web.tags.questions', { count: tag.questionCount })}</span>${
          tag.description ? html`<p class="small">${excerpt(tag.description)}</p>` : null
        }</li>`,
    );
    const paging =
      pages > 1
        ? html`<nav aria-label="${t('web.tags.pages')}"><ul class="pill-nav">${Array.from(
            { length: Math.min(pages, 20) },
            (_, i) => i + 1,
          ).map(
            (n) => html`<li><a href="${at(n)}"${n === page ? html` aria-current="page"` : null}>${n}</a></li>`,
          )}</ul></nav>`
        : null;
    const body = html`<p class="small"><a href="${boardPath(slug)}">${found.board.title}</a></p>
<h1>${t('web.tags.title')}</h1>
<form method="get" action="${tagIndexPath(slug)}" class="row" role="search"><label class="vh" for="tag-q">${t('web.tags.filter')}</label><input type="search" id="tag-q" name="q" value="${q}" maxlength="35" placeholder="${t('web.tags.filter')}"><button type="submit" class="secondary">${t('web.tags.filterButton')}</button></form>
<p class="muted small" role="status">${t('web.tags.count', { count: found.total })}</p>
<section class="card">${items.length ? html`<ul class="plain tag-list">${items}</ul>` : html`<p class="muted">${t('web.tags.none')}</p>`}</section>
${paging}`;
    sendPage(
      request,
      response,
      layout(ctx, {
        title: `${t('web.tags.title')} · ${found.board.title}`,
        canonical: `${ctx.baseUrl}${tagIndexPath(slug)}`,
        body,
        robots: q || page > 1 ? 'noindex' : undefined,
      }),
      { isPublic: true },
    );
  }

  @Public()
  @Get('b/:slug/tags/:tag')
  async tag(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('tag') name: string,
    @Query('sort') sortParam?: string,
    @Query('after') after?: string,
    @Query('problem') problem?: string,
  ): Promise<void> {
    const actor = request.actor ?? null;
    const sort = sortOf(sortParam);
    const { board, tag } = await this.tags.tag(actor, slug, name);
    const [ctx, page, answerers, isFollowing, mayDescribe] = await Promise.all([
      this.contexts.create(request, actor ? response : undefined),
      this.queries.listThreads(actor, {
        boardSlug: slug,
        sort: sort.toUpperCase() as ThreadSort,
        tag: tag.name,
        limit: THREADS_PER_PAGE + 1,
        after: after || null,
      }),
      this.tags.topAnswerers(board, tag.name, TOP_ANSWERERS),
      actor ? this.follows.isFollowingTag(actor.userId, board._id, tag.name) : Promise.resolve(false),
      this.tags.mayDescribe(actor, board),
    ]);
    const people = await this.users.findByIds(answerers.map((row) => row.userId));
    const byId = new Map(people.map((user) => [user._id.toHexString(), user]));
    const { t } = ctx;
    const here = tagPath(slug, tag.name);
    const follow = ctx.viewer
      ? html`<form method="post" action="${here}/${isFollowing ? 'unfollow' : 'follow'}">${csrfField(ctx)}<button type="submit" class="secondary" aria-pressed="${String(isFollowing)}">${t(isFollowing ? 'web.tags.unfollow' : 'web.tags.follow')}</button></form>`
      : html`<a class="button secondary" href="/login?next=${encodeURIComponent(here)}">${t('web.tags.follow')}</a>`;
    const top = answerers.flatMap((row) => {
      const user = byId.get(row.userId);
      return user
        ? [
            html`<li><a href="${userPath(user.handle)}">${user.displayName}</a> <span class="muted small">${t('web.tags.answererStats', { answers: row.answers, score: row.totalScore })}</span></li>`,
          ]
        : [];
    });
    const describeForm = mayDescribe
      ? html`<details${problem ? html` open` : null}><summary>${t('web.tags.describe')}</summary>
<form method="post" action="${here}/describe">${csrfField(ctx)}${field({
          name: 'description',
          id: 'tag-description',
          label: t('web.tags.description'),
          value: tag.description ?? '',
          isMultiline: true,
          maxLength: TAG_DESCRIPTION_MAX,
          hint: t('web.tags.describeHint', { max: TAG_DESCRIPTION_MAX }),
          error: problem === 'long' ? t('web.tags.tooLong', { max: TAG_DESCRIPTION_MAX }) : undefined,
        })}<button type="submit">${t('web.tags.saveDescription')}</button></form></details>`
      : null;
    const body = html`<p class="small"><a href="${boardPath(slug)}">${board.title}</a> › <a href="${tagIndexPath(slug)}">${t('web.tags.title')}</a></p>
<div class="row spread"><h1>${t('web.tags.heading', { tag: tag.name })}</h1><div class="row">${follow}<a class="button" href="/b/${slug}/ask">${t('web.board.ask')}</a></div></div>
<p class="muted small">${t('web.tags.questions', { count: tag.questionCount })}</p>
${tag.description ? html`<p>${tag.description}</p>` : html`<p class="muted">${t('web.tags.noDescription')}</p>`}
${describeForm}
<div class="layout"><div>${sortTabs(ctx, here, sort)}
${threadList(ctx, board, page, (cursor) => `${here}?${new URLSearchParams({ sort, after: cursor })}`)}</div>
<aside><section class="card" aria-labelledby="top-answerers"><h2 id="top-answerers">${t('web.tags.topAnswerers')}</h2>${
      top.length ? html`<ol>${top}</ol>` : html`<p class="muted">${t('web.tags.noAnswerers')}</p>`
    }</section></aside></div>`;
    sendPage(
      request,
      response,
      layout(ctx, {
        title: `${tag.name} · ${board.title}`,
        description: tag.description || `${tag.name} · ${board.title}`,
        canonical: `${ctx.baseUrl}${here}`,
        body,
        robots: after || sortParam ? 'noindex' : undefined,
      }),
      { isPublic: true },
    );
  }

  @SignedIn()
  @Post('b/:slug/tags/:tag/follow')
  @HttpCode(200)
  async follow(@Req() request: WebRequest, @Res() response: Response, @Param() params: { slug: string; tag: string }) {
    const follow = await this.follows.follow(request.actor!, { boardSlug: params.slug, tag: params.tag });
    response.redirect(303, tagPath(params.slug, follow.tag));
  }

  @SignedIn()
  @Post('b/:slug/tags/:tag/unfollow')
  @HttpCode(200)
  async unfollow(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param() params: { slug: string; tag: string },
  ) {
    await this.follows.unfollow(request.actor!, { boardSlug: params.slug, tag: params.tag });
    response.redirect(303, tagPath(params.slug, params.tag));
  }

  @SignedIn()
  @Post('b/:slug/tags/:tag/describe')
  @HttpCode(200)
  async describe(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param() params: { slug: string; tag: string },
    @Body() form: Form,
  ) {
    const here = tagPath(params.slug, params.tag);
    try {
      await this.tags.describeTag(request.actor!, params.slug, params.tag, text(form.description));
      response.redirect(303, here);
    } catch (error) {
      // A too-long text comes back next to the field; refusals and unknown tags are error pages.
      if (!(error instanceof DomainError) || error.code !== ErrorCode.BadUserInput) throw error;
      response.redirect(303, `${here}?problem=long#tag-description`);
    }
  }
}

function excerpt(value: string): string {
  return value.length > 160 ? `${value.slice(0, 157)}…` : value;
}
