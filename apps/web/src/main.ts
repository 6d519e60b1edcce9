// Runs the site on its own (without the GraphQL API), e.g. as a separate deployment:
//   node --import @swc-node/register/esm-register apps/web/src/main.ts
// Same configuration as the API (PORT, MONGODB_URI, JWT_SECRET…); sessions are shared with it.
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, ConfigError, ConfigModule, CoreModule, loadConfig } from '@helpboard/core';
import { DatabaseModule } from '@helpboard/database';
import { AccessGuard, IdentityModule } from '@helpboard/identity';
import { WebModule } from './web.module.js';

@Module({})
class WebAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WebAppModule,
      imports: [ConfigModule.forRoot(config), CoreModule.forRoot({}), DatabaseModule, IdentityModule, WebModule],
      providers: [{ provide: APP_GUARD, useExisting: AccessGuard }],
    };
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(WebAppModule.forRoot(config), { bodyParser: false });
  app.useBodyParser('urlencoded', { limit: '512kb', extended: false });
  app.useBodyParser('json', { limit: '512kb' });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(`Helpboard web ${config.version} listening on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Helpboard web failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
