// A Nest application context (no HTTP) with the same configuration and database as the server,
// for CLI commands that act on data.
import 'reflect-metadata';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, CoreModule, loadConfig } from '@helpboard/core';
import { DatabaseModule } from '@helpboard/database';
import { CliLogger } from './cli-errors.js';

export async function withCliContext<S, T>(
  modules: (Type<unknown> | DynamicModule)[],
  service: Type<S>,
  use: (instance: S) => Promise<T>,
): Promise<T> {
  const config = { ...loadConfig(), runsBackgroundJobs: false };
  @Module({ imports: [ConfigModule.forRoot(config), CoreModule.forRoot(), DatabaseModule, ...modules] })
  class CliModule {}
  const context = await NestFactory.createApplicationContext(CliModule, {
    logger: new CliLogger(),
    abortOnError: false,
  });
  try {
    return await use(context.get(service, { strict: false }));
  } finally {
    await context.close();
  }
}
