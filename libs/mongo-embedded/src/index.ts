// The embedded MongoDB-compatible engine: `startEmbeddedMongo()` serves the MongoDB wire protocol
// on loopback, durably in a data directory or on a temporary store, so mongoose runs on it
// unchanged. Both keep their data in an LMDB file (docs/engine-storage.md).
import { openStore } from './durability/open-store.js';

export { copyStore } from './durability/store-copy.js';
import { Engine } from './engine.js';
import { WireServer } from './server.js';
import { TRANSACTION_LIFETIME_MS } from './storage/transaction.js';

export interface EmbeddedMongoOptions {
  /** Where data lives; absent → a temporary store (unsynced, on tmpfs when there is one), removed at stop. */
  dataDir?: string;
  /** 0 or absent → a free port. */
  port?: number;
  host?: string;
  /** How often expired TTL documents are removed (MongoDB: 60 s). */
  ttlIntervalMs?: number;
  /** Where start-up notices go (conversion of an old data directory, an interrupted write left out). */
  warn?: (message: string) => void;
}

export interface EmbeddedMongo {
  uri: string;
  host: string;
  port: number;
  /** Removes expired TTL documents now (the background sweep does this periodically). */
  sweepExpired(): Promise<number>;
  /** A consistent copy of the store file at `target`, taken while the engine keeps serving. */
  backup(target: string): Promise<void>;
  stop(): Promise<void>;
}

export const REPLICA_SET_NAME = 'helpboard-embedded';

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const info = { host, port: options.port ?? 0, setName: REPLICA_SET_NAME, startedAt: new Date() };
  const warn = options.warn ?? ((message: string) => process.emitWarning(message, 'EmbeddedMongo'));
  const opened = await openStore(options.dataDir, warn);
  const engine = new Engine(info, opened.store);

  const server = new WireServer(engine);
  let port: number;
  try {
    port = await server.listen(info.port, host);
  } catch (error) {
    await opened.close();
    throw error;
  }
  info.port = port;

  const housekeeping = setInterval(
    () => {
      engine.transactions.abortExpired(Date.now());
      void engine.sweepExpired(new Date()).catch((error: unknown) => warn(`housekeeping failed: ${String(error)}`));
    },
    options.ttlIntervalMs ?? Math.min(60_000, TRANSACTION_LIFETIME_MS),
  );
  housekeeping.unref();

  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${port}/?replicaSet=${REPLICA_SET_NAME}`,
    host,
    port,
    sweepExpired: () => engine.sweepExpired(new Date()),
    backup: (target: string) => opened.store.disk.backup(target),
    stop() {
      stopping ??= (async () => {
        clearInterval(housekeeping);
        await server.close();
        await opened.close();
      })();
      return stopping;
    },
  };
}
