import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError, Public } from '@helpboard/core';
import { ASSETS } from './assets.js';

@Controller('assets')
export class AssetsController {
  @Public()
  @Get(':file')
  serve(@Param('file') file: string, @Req() request: Request, @Res() response: Response): void {
    const asset = ASSETS.get(`/assets/${file}`);
    if (!asset) throw new NotFoundError('Page', 'web.error.notFound');
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.setHeader('Content-Type', asset.type);
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('Vary', 'Accept-Encoding');
    if (gzip) response.setHeader('Content-Encoding', 'gzip');
    response.end(gzip ? asset.gzipped : asset.body);
  }
}
