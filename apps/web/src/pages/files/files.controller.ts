// Serves stored files back: /files/avatars/<name> to anyone, /files/posts/<board>/<name> to those
// who may read that board (PostImageService decides, as for the board's threads). Keys are random
// and never rewritten, so public files are cached for a year; a private board's images are
// revalidated on every use (ETag), so a reader who loses access stops seeing them.
import { createHash } from 'node:crypto';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@helpboard/core';
import { CONTENT_TYPES, type StoredFile } from '@helpboard/files';
import { AvatarService } from '@helpboard/identity';
import { PostImageService } from '@helpboard/threads';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';

const SERVED_TYPES = new Set(Object.values(CONTENT_TYPES));

@Controller('files')
@UseFilters(WebExceptionFilter)
export class FilesController {
  constructor(
    private readonly avatars: AvatarService,
    private readonly postImages: PostImageService,
  ) {}

  @Public()
  @Get('avatars/:name')
  async avatar(@Req() request: WebRequest, @Res() response: Response, @Param('name') name: string) {
    send(request, response, await this.avatars.open(name), true);
  }

  @Public()
  @Get('posts/:board/:name')
  async postImage(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('board') board: string,
    @Param('name') name: string,
  ) {
    const file = await this.postImages.open(request.actor ?? null, `posts/${board}/${name}`);
    send(request, response, file, file.isPublic);
  }
}

function send(request: WebRequest, response: Response, file: StoredFile, isPublic: boolean): void {
  const etag = `"${createHash('sha256').update(file.bytes).digest('base64url').slice(0, 27)}"`;
  // Only the image types we store are named as such; anything else could never render as a page.
  response.setHeader(
    'Content-Type',
    SERVED_TYPES.has(file.contentType) ? file.contentType : 'application/octet-stream',
  );
  response.setHeader('Cache-Control', isPublic ? 'public, max-age=31536000, immutable' : 'private, no-cache');
  response.setHeader('ETag', etag);
  // An image opened on its own is still no document: no scripts, no plugins, no same-origin rights.
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  );
  response.setHeader('Content-Disposition', 'inline');
  if (request.headers['if-none-match'] === etag) {
    response.status(304).end();
    return;
  }
  response.setHeader('Content-Length', file.bytes.length);
  response.end(request.method === 'HEAD' ? undefined : file.bytes);
}
