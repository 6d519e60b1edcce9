// A Nest application context (no HTTP) with the same configuration and database as the server,
// for CLI commands that act on data.
import 'reflect-metadata';
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, CoreModule, loadConfig } from '@helpboard/core';
import { DatabaseModule } from '@helpboard/database';
import { IdentityModule } from '@helpboard/identity';

export async function withCliContext<S, T>(service: Type<S>, use: (instance: S) => Promise<T>): Promise<T> {
  const config = loadConfig();
  @Module({ imports: [ConfigModule.forRoot(config), CoreModule.forRoot(), DatabaseModule, IdentityModule] })
  class CliModule {}
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await use(context.get(service, { strict: false }));
  } finally {
    await context.close();
  }
}
