// Where the conformance suite runs: a real MongoDB when MONGO_CONFORMANCE_URI is set (so anyone
// with one can confirm these expectations are MongoDB's), otherwise a fresh in-memory engine.
import { type Db, MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/index.js';

export interface ConformanceTarget {
  client: MongoClient;
  db: Db;
  uri: string;
  /** The embedded engine, when the suite runs against it (engine-only tests need it). */
  engine?: EmbeddedMongo;
  close(): Promise<void>;
}

export const isRealMongo = Boolean(process.env.MONGO_CONFORMANCE_URI);

export async function conformanceTarget(): Promise<ConformanceTarget> {
  const engine = isRealMongo ? undefined : await startEmbeddedMongo();
  const uri = process.env.MONGO_CONFORMANCE_URI ?? engine!.uri;
  const client = await new MongoClient(uri).connect();
  // A database of its own per file, so files can run in parallel against one real server.
  const db = client.db(`conformance_${randomUUID().slice(0, 8)}`);
  return {
    client,
    db,
    uri,
    engine,
    async close() {
      if (isRealMongo) await db.dropDatabase();
      await client.close();
      await engine?.stop();
    },
  };
}
