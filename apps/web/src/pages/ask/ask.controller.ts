// Asking a question: the title field shows "you may be asking" suggestions from search (live
// with the script, or with the "check" button without it); what was shown and opened is
// recorded through the insights deflection service. Markdown preview; tags from the board's list.
import { composerTools } from '../../render/composer.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, DomainError, InvalidInputError, Public, SignedIn } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { DeflectionService } from '@helpboard/insights';
import { SearchPort } from '@helpboard/search';
import { AskQuestionService, renderMarkdown, ThreadQueryService } from '@helpboard/threads';
import { html, type SafeHtml, trustedHtml } from '../../render/html.js';
import { field, notice, problemsByField } from '../../render/forms.js';
import { threadPath } from '../../render/urls.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const SUGGESTIONS = 5;

@Controller()
@UseFilters(WebExceptionFilter)
export class AskController {
  constructor(
    private readonly boards: BoardService,
    private readonly asking: AskQuestionService,
    private readonly search: SearchPort,
    private readonly queries: ThreadQueryService,
    private readonly deflection: DeflectionService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('b/:slug/ask')
  async form(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string) {
    const board = await this.boards.viewBoard(request.actor!, slug);
    const ctx = await this.contexts.create(request, response);
    sendPage(request, response, this.page(ctx, slug, board.title, board.tags, {}, {}, null, null, null));
  }

  /** The suggestions fragment the script asks for while the title is typed. */
  @SignedIn()
  @Get('b/:slug/ask/suggest')
  async suggest(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query('title') title?: string,
  ) {
    const ctx = await this.contexts.create(request);
    const list = await this.suggestions(ctx, request.actor!, slug, text(title));
    response.setHeader('Cache-Control', 'private, no-store');
    response.type('html').send(list?.value ?? '');
  }

  /** A suggestion was opened: counted for deflection, then on to the thread. */
  @SignedIn()
  @Get('b/:slug/ask/open')
  async open(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('s') session?: string,
    @Query('t') threadId?: string,
  ) {
    await this.deflection.suggestionOpened(request.actor!, text(session), text(threadId));
    response.redirect(303, `/t/${text(threadId)}`);
  }

  @SignedIn()
  @Post('b/:slug/ask')
  @HttpCode(200)
  async ask(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Body() form: Record<string, unknown>,
  ) {
    const actor = request.actor!;
    const board = await this.boards.viewBoard(actor, slug);
    const ctx = await this.contexts.create(request, response);
    const values = { title: text(form.title).trim(), body: text(form.body), tags: text(form.tags) };
    const tags = values.tags.split(/[,\s]+/).filter(Boolean);
    const again = (
      errors: Record<string, string>,
      message: string | null,
      preview: SafeHtml | null,
      list: SafeHtml | null,
      status = 200,
    ) =>
      sendPage(
        request,
        response,
        this.page(ctx, slug, board.title, board.tags, values, errors, message, preview, list),
        { status },
      );
    if (form.action === 'preview') return again({}, null, trustedHtml(renderMarkdown(values.body).html), null);
    if (form.action === 'check') return again({}, null, null, await this.suggestions(ctx, actor, slug, values.title));
    try {
      const thread = await this.asking.askQuestion(actor, {
        boardSlug: slug,
        title: values.title,
        body: values.body,
        tags,
      });
      response.redirect(303, threadPath({ id: thread._id.toHexString(), title: thread.title }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof InvalidInputError)
        return again(problemsByField(error.fields, ctx.locale), null, null, null, 422);
      return again({}, messageOf(error, ctx.locale), null, null, 422);
    }
  }

  /** Markdown preview through the threads sanitiser (the script's Preview button). */
  @Public()
  @Post('preview')
  @HttpCode(200)
  preview(@Body() form: Record<string, unknown>) {
    return { html: renderMarkdown(text(form.body).slice(0, 30_000)).html };
  }

  private async suggestions(ctx: WebContext, actor: Actor, slug: string, title: string): Promise<SafeHtml | null> {
    if (title.trim().length < 3 || title.length > 300) return null;
    const hits = await this.search.suggest(title, slug, SUGGESTIONS);
    const threads = await this.queries.visibleThreads(
      actor,
      hits.map((h) => h.id),
    );
    if (threads.length === 0) return null;
    const session = await this.deflection.suggestionsShown(
      actor,
      slug,
      title,
      threads.map((th) => th._id.toHexString()),
    );
    const titles = new Map(hits.map((h) => [h.id, h.titleHighlight]));
    return html`<h2 class="small">${ctx.t('web.ask.youMayBeAsking')}</h2><ul class="plain">${threads.map((th) => {
      const id = th._id.toHexString();
      return html`<li><a href="/b/${slug}/ask/open?s=${session}&amp;t=${id}">${trustedHtml(titles.get(id) ?? '')}</a> <span class="muted small">${ctx.t('web.board.answers', { count: th.answerCount })}</span></li>`;
    })}</ul>`;
  }

  private page(
    ctx: WebContext,
    slug: string,
    boardTitle: string,
    boardTags: string[],
    values: Record<string, string>,
    errors: Record<string, string>,
    message: string | null,
    preview: SafeHtml | null,
    list: SafeHtml | null,
  ): SafeHtml {
    const { t } = ctx;
    const body = html`<h1>${t('web.ask.title', { board: boardTitle })}</h1>
${message ? notice('error', message) : Object.keys(errors).length ? notice('error', t('web.form.problems')) : null}
<form method="post" action="/b/${slug}/ask" class="card">${csrfField(ctx)}
${field({ name: 'title', id: 'ask-title', label: t('web.ask.questionTitle'), value: values.title, hint: t('web.ask.titleHint'), error: errors.title, isRequired: true, maxLength: 150, autocomplete: 'off' })}
<p><button type="submit" name="action" value="check" class="secondary">${t('web.ask.check')}</button></p>
<div id="suggestions" class="suggestions" aria-live="polite" data-url="/b/${slug}/ask/suggest?x=1">${list}</div>
${composerTools(ctx, 'f-body', slug)}
${field({ name: 'body', label: t('web.ask.body'), value: values.body, hint: t('web.markdownHint'), error: errors.body, isRequired: true, isMultiline: true })}
<div id="ask-preview" class="preview"${preview ? null : html` hidden`} aria-live="polite">${preview}</div>
${field({ name: 'tags', label: t('web.ask.tags'), value: values.tags, hint: t('web.ask.tagsHint'), error: errors.tags, list: 'board-tags', autocomplete: 'off' })}
<datalist id="board-tags">${boardTags.map((tag) => html`<option value="${tag}"></option>`)}</datalist>
<p class="row"><button type="submit" name="action" value="ask">${t('web.ask.submit')}</button>
<button type="submit" name="action" value="preview" class="secondary" data-preview="ask-preview">${t('web.preview')}</button></p>
</form>`;
    return layout(ctx, { title: t('web.ask.title', { board: boardTitle }), robots: 'noindex', body });
  }
}
