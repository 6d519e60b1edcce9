// The site's front page: the communities (operators) hosted here.
import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { OperatorService } from '@helpboard/boards';
import { html } from '../render/html.js';
import { operatorPath } from '../render/urls.js';
import { layout } from '../layout/layout.js';
import { sendPage } from '../http/send-page.js';
import { WebContextFactory } from '../http/web-context.js';
import { WebExceptionFilter } from '../http/web-exception.filter.js';
import type { WebRequest } from '../http/web-request.js';

@Controller()
@UseFilters(WebExceptionFilter)
export class HomeController {
  constructor(
    private readonly operators: OperatorService,
    private readonly contexts: WebContextFactory,
  ) {}

  @Public()
  @Get()
  async home(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const [ctx, operators] = await Promise.all([this.contexts.create(request), this.operators.list(100)]);
    const { t } = ctx;
    const list = operators.length
      ? html`<ul class="plain">
          ${operators.map((o) => html`<li><a href="${operatorPath(o.slug)}">${o.name}</a></li>`)}
        </ul>`
      : html`<p class="muted">${t('web.home.none')}</p>`;
    const page = layout(ctx, {
      title: t('web.home.title'),
      description: t('web.home.intro'),
      canonical: `${ctx.baseUrl}/`,
      body: html`<h1>${t('web.home.title')}</h1>
        <p>${t('web.home.intro')}</p>
        <section class="card" aria-labelledby="ops">
          <h2 id="ops">${t('web.home.operators')}</h2>
          ${list}
        </section>`,
    });
    sendPage(request, response, page, { isPublic: true });
  }
}
