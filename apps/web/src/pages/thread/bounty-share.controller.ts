// POST /t/<id>/bounty starts a bounty (BountyService: the amount, the thread open, the starter's
// reputation, one open bounty per question); a refusal returns to the form with its message.
// POST /p/<id>/share makes a staff member's counted short link (AnswerShareService.shareAnswer)
// and shows it with the text to send, ready to copy.
import { Body, Controller, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, SignedIn } from '@helpboard/core';
import { BountyService } from '@helpboard/reputation';
import { AnswerShareService, ShareChannel } from '@helpboard/insights';
import { html } from '../../render/html.js';
import { notice } from '../../render/forms.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { encodeRule } from './rule-notice.js';

const CHANNELS = new Set<string>(Object.values(ShareChannel));

@Controller()
@UseFilters(WebExceptionFilter)
export class BountyShareController {
  constructor(
    private readonly bounties: BountyService,
    private readonly shares: AnswerShareService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Post('t/:id/bounty')
  async startBounty(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') threadId: string,
    @Body() form: Record<string, unknown>,
  ) {
    const amount = typeof form.amount === 'string' && /^\d{1,6}$/.test(form.amount) ? Number(form.amount) : NaN;
    const back = `/t/${/^[0-9a-f]{24}$/i.test(threadId) ? threadId : ''}`;
    try {
      await this.bounties.startBounty(request.actor!, threadId, amount);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')
        throw error;
      return response.redirect(303, `${back}?rule=${encodeRule('bounty', error)}#rule-bounty`);
    }
    response.redirect(303, `${back}#bounty-h`);
  }

  @SignedIn()
  @Post('p/:id/share')
  @HttpCode(200)
  async share(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('id') answerId: string,
    @Body() form: Record<string, unknown>,
  ) {
    const channel = typeof form.channel === 'string' && CHANNELS.has(form.channel) ? form.channel : ShareChannel.OTHER;
    const shared = await this.shares.shareAnswer(request.actor!, answerId, channel as ShareChannel);
    const ctx = await this.contexts.create(request, response);
    const { t } = ctx;
    const body = html`<h1>${t('web.share.shortTitle')}</h1>${notice('info', t('web.share.shortMade'))}
<label for="short-url">${t('web.share.shortLink')}</label>
<div class="row"><input id="short-url" readonly value="${shared.url}"> <button type="button" class="secondary" data-copy="short-url" data-done="${t('web.share.copied')}">${t('web.share.copy')}</button></div>
<label for="short-text">${t('web.share.message')}</label>
<textarea id="short-text" readonly rows="4">${shared.snippet}</textarea>
<p><button type="button" class="secondary" data-copy="short-text" data-done="${t('web.share.copied')}">${t('web.share.copyMessage')}</button></p>
<p><a href="${shared.url}">${t('web.share.back')}</a></p>`;
    sendPage(request, response, layout(ctx, { title: t('web.share.shortTitle'), robots: 'noindex', body }));
  }
}
