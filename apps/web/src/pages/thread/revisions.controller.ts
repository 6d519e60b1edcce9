// GET /p/<id>/revisions: every version of a post, newest first, as the author wrote it.
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { EditPostService, renderMarkdown } from '@helpboard/threads';
import { html, trustedHtml } from '../../render/html.js';
import { userPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { formatDate } from './post.view.js';

@Controller('p')
@UseFilters(WebExceptionFilter)
export class RevisionsController {
  constructor(
    private readonly editing: EditPostService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  @Public()
  @Get(':id/revisions')
  async revisions(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') postId: string,
    @Query('t') threadId?: string,
  ) {
    const [ctx, revisions] = await Promise.all([
      this.contexts.create(request),
      this.editing.revisionsOf(request.actor ?? null, postId),
    ]);
    const editors = new Map(
      (await this.users.findByIds([...new Set(revisions.map((r) => r.editorId.toHexString()))])).map((u) => [
        u._id.toHexString(),
        u,
      ]),
    );
    const { t } = ctx;
    const items = [...revisions].reverse().map((r) => {
      const editor = editors.get(r.editorId.toHexString());
      return html`<li class="card"><h2>${t('web.revisions.by', { revision: r.revision })} ${
        editor ? html`<a href="${userPath(editor.handle)}">${editor.displayName}</a>` : null
      } · <time datetime="${r.createdAt.toISOString()}">${formatDate(ctx, r.createdAt)}</time></h2>${
        r.summary ? html`<p class="muted">${r.summary}</p>` : null
      }${r.title ? html`<h3>${r.title}</h3>` : null}<div class="body">${trustedHtml(renderMarkdown(r.body).html)}</div></li>`;
    });
    const back = /^[0-9a-f]{24}$/i.test(threadId ?? '') ? `/t/${threadId}` : null;
    const page = layout(ctx, {
      title: t('web.revisions.title'),
      robots: 'noindex',
      body: html`<h1>${t('web.revisions.title')}</h1>${back ? html`<p><a href="${back}">${t('web.revisions.back')}</a></p>` : null}<ol class="plain">${items}</ol>`,
    });
    sendPage(request, response, page, { isPublic: true });
  }
}
