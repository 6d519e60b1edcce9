// Builds the Nest application the same way for `npm start`, the CLI and the e2e tests.
import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig } from '@helpboard/core';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createLogger, httpLogging, PinoNestLogger } from './logging/http-logging.js';

/** Request bodies larger than this are refused before parsing (a 30k-char post fits easily). */
const MAX_BODY = '512kb';

export async function createApp(config: AppConfig, options: AppModuleOptions = {}): Promise<INestApplication> {
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    // Partners' webhooks are signed over the exact bytes sent (req.rawBody), not re-serialised JSON.
    rawBody: true,
  });
  app.use(httpLogging(logger));
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useBodyParser('urlencoded', { limit: MAX_BODY, extended: false });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  return app;
}
