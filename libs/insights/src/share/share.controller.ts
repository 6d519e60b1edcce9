// GET /s/:code: counts an open of a shared answer and redirects to it; unknown codes get a 404.
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { AnswerShareService } from './answer-share.service.js';

@Controller('s')
export class ShareController {
  constructor(private readonly shares: AnswerShareService) {}

  @Public()
  @Get(':code')
  async open(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const location = await this.shares.open(code);
    res.setHeader('cache-control', 'no-store');
    if (!location) {
      res.status(404).type('text/plain').send('This link does not exist.');
      return;
    }
    res.redirect(302, location);
  }
}
