// GET /graphiql/<file>: GraphiQL's scripts and stylesheet (see graphiql-assets.ts), only where
// GraphiQL is offered (outside production).
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig, Public } from '@helpboard/core';
import { GRAPHIQL_ASSETS } from './graphiql-assets.js';

@Controller('graphiql')
export class GraphiqlAssetsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get(':file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const asset = Object.hasOwn(GRAPHIQL_ASSETS, file) ? GRAPHIQL_ASSETS[file] : undefined;
    if (this.config.isProduction || !asset) throw new NotFoundException();
    response.setHeader('Cache-Control', 'public, max-age=86400');
    response.type(asset.type).sendFile(asset.path());
  }
}
