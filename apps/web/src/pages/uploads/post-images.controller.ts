// Images for posts. With the script, the composer's image button posts here and gets JSON
// ({ url, markdown } or { message }). Without it, /b/<slug>/images/new is a page of its own
// (opened in a new tab from the composer) that uploads and shows the Markdown to paste.
// PostImageService decides who may upload (those who may post on the board) and stores the image.
import { Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InvalidInputError, SignedIn } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { megabytes } from '@helpboard/files';
import { POST_IMAGE_RULES, PostImageService, type UploadedPostImage } from '@helpboard/threads';
import { problemsByField } from '../../render/forms.js';
import { readUpload } from '../../http/uploads.js';
import { sendPage } from '../../http/send-page.js';
import { WebContextFactory } from '../../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../../http/web-exception.filter.js';
import { wantsJson, type WebRequest } from '../../http/web-request.js';
import { postImagePage } from './post-images.view.js';

@Controller('b/:slug/images')
@UseFilters(WebExceptionFilter)
export class PostImagesController {
  constructor(
    private readonly postImages: PostImageService,
    private readonly boards: BoardService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('new')
  async form(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string) {
    const board = await this.postImages.boardToPostOn(request.actor!, slug);
    const ctx = await this.contexts.create(request, response);
    sendPage(request, response, postImagePage(ctx, { board, max: megabytes(POST_IMAGE_RULES.maxBytes) }));
  }

  @SignedIn()
  @Post()
  @HttpCode(200)
  async upload(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string) {
    let uploaded: UploadedPostImage;
    try {
      const { file, fields } = await readUpload(request, response, 'image', POST_IMAGE_RULES.maxBytes);
      uploaded = await this.postImages.upload(request.actor!, slug, file, fields.alt ?? '');
    } catch (error) {
      if (!(error instanceof DomainError) || ['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN'].includes(error.code))
        throw error;
      const ctx = await this.contexts.create(request, response);
      const problem =
        error instanceof InvalidInputError
          ? (problemsByField(error.fields, ctx.locale).image ?? ctx.t('web.form.problems'))
          : messageOf(error, ctx.locale);
      if (wantsJson(request)) return response.status(422).json({ message: problem });
      const board = await this.boards.requireBoard(slug);
      const max = megabytes(POST_IMAGE_RULES.maxBytes);
      return sendPage(request, response, postImagePage(ctx, { board, max, problem }), { status: 422 });
    }
    if (wantsJson(request)) return response.json(uploaded);
    const [ctx, board] = await Promise.all([this.contexts.create(request, response), this.boards.requireBoard(slug)]);
    sendPage(request, response, postImagePage(ctx, { board, max: megabytes(POST_IMAGE_RULES.maxBytes), uploaded }));
  }
}
