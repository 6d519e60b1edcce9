// A Nest context with the importer (and what it needs) on a fresh in-memory engine, plus a
// canonical snapshot of everything an import writes, to compare two imports' end states.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ConfigModule, CoreModule, ManualClock, parseEnvironment, toAppConfig } from '@helpboard/core';
import { DatabaseModule } from '@helpboard/database';
import { startEmbeddedMongo, type EmbeddedMongo } from '@helpboard/mongo-embedded';
import { ReputationVerifier } from '@helpboard/reputation';
import { ImportModule } from '../src/import.module.js';
import { StackExchangeImporter } from '../src/stackexchange/stackexchange-importer.js';

export const SE_SAMPLE_DIR =
  process.env.SE_FIXTURE_DIR ??
  fileURLToPath(new URL('../../../../shared/fixtures/stackexchange-sample', import.meta.url));
export const hasSample = existsSync(`${SE_SAMPLE_DIR}/Posts.xml`);

export interface ImportContext {
  importer: StackExchangeImporter;
  verifier: ReputationVerifier;
  db: Connection;
  app: INestApplicationContext;
  close(): Promise<void>;
}

/** `dataDir`: a durable engine there (benchmarks, a CLI run's `DATA_DIR/db`); in memory otherwise. */
export async function startImportContext(dataDir?: string): Promise<ImportContext> {
  const engine: EmbeddedMongo = await startEmbeddedMongo({ dataDir });
  // The database the app (and the CLI) uses on its embedded engine, so a CLI run's data directory opens here too.
  const uri = new URL(engine.uri);
  uri.pathname = '/helpboard';
  const config = {
    ...toAppConfig(
      parseEnvironment({
        NODE_ENV: 'test',
        MONGODB_URI: uri.toString(),
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'x'.repeat(40),
      }),
    ),
    runsBackgroundJobs: false,
  };
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      CoreModule.forRoot({ clock: new ManualClock(new Date('2026-01-01T00:00:00Z')) }),
      DatabaseModule,
      ImportModule,
    ],
  })
  class ImportTestModule {}
  const app = await NestFactory.createApplicationContext(ImportTestModule, { logger: false });
  return {
    app,
    importer: app.get(StackExchangeImporter),
    verifier: app.get(ReputationVerifier, { strict: false }),
    db: app.get<Connection>(getConnectionToken()),
    async close() {
      await app.close();
      await engine.stop();
    },
  };
}

const IMPORTED = [
  'users',
  'threads',
  'posts',
  'comments',
  'votes',
  'reputation_ledger',
  'reputation_totals',
  'board_tags',
  'bounties',
  'imported_badges',
  'badges',
];

/**
 * Every imported collection, sorted, with ids written as what they stand for (`post:12`,
 * `user:40`, `board`), so imports into different engines (different board ids) compare equal
 * exactly when they wrote the same things.
 */
export async function snapshot(db: Connection): Promise<Record<string, string[]>> {
  const labels = new Map<string, string>();
  for (const [collection, kind] of [
    ['users', 'user'],
    ['posts', 'post'],
    ['comments', 'comment'],
    ['votes', 'vote'],
    ['bounties', 'bounty'],
    ['imported_badges', 'badge'],
  ]) {
    for (const doc of await db.collection(collection).find({}).toArray()) {
      labels.set(String(doc._id), doc.origin ? `${kind}:${doc.origin.id}` : `${kind}:${doc.handle ?? 'local'}`);
    }
  }
  for (const doc of await db.collection('boards').find({}).toArray()) labels.set(String(doc._id), `board:${doc.slug}`);
  const label = (hex: string) => labels.get(hex) ?? 'id';
  const result: Record<string, string[]> = {};
  for (const collection of IMPORTED) {
    const docs = await db.collection(collection).find({}).toArray();
    result[collection] = docs
      .map((doc) =>
        JSON.stringify(doc, (key, value: unknown) => {
          // Helpboard's own badges are dated when the import awards them, not by the dump.
          if (collection === 'badges' && key === 'awardedAt') return undefined;
          return typeof value === 'string' ? value.replace(/[0-9a-f]{24}/g, label) : value;
        }),
      )
      .sort();
  }
  return result;
}
