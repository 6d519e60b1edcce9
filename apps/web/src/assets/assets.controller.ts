import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundError, Public } from '@helpboard/core';
import { ASSETS, type Asset, FAVICON } from './assets.js';

@Controller()
export class AssetsController {
  @Public()
  @Get('assets/:file')
  serve(@Param('file') file: string, @Req() request: Request, @Res() response: Response): void {
    const asset = ASSETS.get(`/assets/${file}`);
    if (!asset) throw new NotFoundError('Page', 'web.error.notFound');
    send(asset, request, response);
  }

  /** Browsers (and tabs of pages that are not ours, such as JSON) ask for /favicon.ico unprompted. */
  @Public()
  @Get('favicon.ico')
  favicon(@Req() request: Request, @Res() response: Response): void {
    send(FAVICON, request, response, 'public, max-age=86400');
  }
}

/** Fingerprinted paths never change content, so they are cached for a year. */
function send(
  asset: Asset,
  request: Request,
  response: Response,
  cacheControl = 'public, max-age=31536000, immutable',
) {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  response.setHeader('Content-Type', asset.type);
  response.setHeader('Cache-Control', cacheControl);
  response.setHeader('Vary', 'Accept-Encoding');
  if (gzip) response.setHeader('Content-Encoding', 'gzip');
  response.end(gzip ? asset.gzipped : asset.body);
}
