// Moderators' flag queue, kept for its old links and forms: GET /b/<slug>/mod/flags is the review
// page's flagged tab; POST hides a post (flags helpful) or keeps it (flags declined).
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputError, SignedIn } from '@helpboard/core';
import { FlagService, FlagStatus } from '@helpboard/moderation';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

@Controller('b/:slug/mod')
@UseFilters(WebExceptionFilter)
export class FlagQueueController {
  constructor(private readonly flags: FlagService) {}

  /** The flag queue is the review page's "flagged" tab (one page, with claims and every decision). */
  @SignedIn()
  @Get('flags')
  queue(@Res() response: Response, @Param('slug') slug: string) {
    response.redirect(301, `/b/${encodeURIComponent(slug)}/review?kind=FLAGGED`);
  }

  /** Hide: the flags were helpful and the post is hidden. Keep: the flags are declined. */
  @SignedIn()
  @Post('flags/:flagId')
  @HttpCode(200)
  async decide(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('flagId') flagId: string,
    @Body() form: Record<string, unknown>,
  ) {
    const actor = request.actor!;
    const outcome = text(form.outcome);
    if (outcome !== 'hide' && outcome !== 'keep')
      throw new InvalidInputError([{ field: 'outcome', message: 'INVALID_VALUE' }]);
    // Upheld flags hide the post in the same transaction that resolves them.
    if (outcome === 'hide') await this.flags.resolveFlag(actor, flagId, FlagStatus.HELPFUL, { hide: true });
    else await this.flags.resolveFlag(actor, flagId, FlagStatus.DECLINED);
    response.redirect(
      303,
      `/b/${encodeURIComponent(slug)}/review?kind=FLAGGED&done=${outcome === 'hide' ? 'hidden' : 'declined'}`,
    );
  }
}
