// Where the conformance tests get a server: a real MongoDB when MONGO_CONFORMANCE_URI is set (to
// confirm the expectations against the real thing), otherwise a fresh in-memory embedded engine.
import { describe } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startEmbeddedMongo, type EmbeddedMongoOptions } from '../../../src/index.js';

export interface TestMongo {
  uri: string;
  /** A database name unique to this test file, so runs against a shared server do not collide. */
  dbName: string;
  isEmbedded: boolean;
  stop(): Promise<void>;
}

export const conformanceUri = process.env.MONGO_CONFORMANCE_URI;

export async function startTestMongo(options: EmbeddedMongoOptions = {}): Promise<TestMongo> {
  const dbName = `t_${randomBytes(4).toString('hex')}`;
  if (conformanceUri) return { uri: conformanceUri, dbName, isEmbedded: false, stop: async () => undefined };
  const engine = await startEmbeddedMongo(options);
  return { uri: engine.uri, dbName, isEmbedded: true, stop: engine.stop };
}

/** Tests of engine-only features run only on the embedded engine. */
export const embeddedOnly = conformanceUri ? describe.skip : describe;
