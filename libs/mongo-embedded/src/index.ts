// The embedded MongoDB-compatible engine: `startEmbeddedMongo()` serves the MongoDB wire protocol
// on loopback or on a Unix domain socket, durably in a data directory or on a temporary store,
// so mongoose runs on it unchanged. Both keep their data in an LMDB file (docs/engine-storage.md).
// It has no authentication: loopback is open to every local user, a socket in a private
// directory only to its owner (see docs/security.md).
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openStore } from './durability/open-store.js';
import { Engine } from './engine.js';
import { WireServer } from './server.js';
import { TRANSACTION_LIFETIME_MS } from './storage/transaction.js';

export { DataDirectoryLockedError } from './durability/open-store.js';
export { copyStore } from './durability/store-copy.js';
export { STORE_FILE } from './storage/disk-store.js';

export interface EmbeddedMongoOptions {
  /** Where data lives; absent → a temporary store (unsynced, on tmpfs when there is one), removed at stop. */
  dataDir?: string;
  /** 0 or absent → a free port. */
  port?: number;
  host?: string;
  /**
   * Listen on this Unix domain socket instead of TCP (port and host are ignored). Its path must
   * end in `.sock`, which is how the drivers tell a socket from a host name.
   */
  socketPath?: string;
  /** How often expired TTL documents are removed (MongoDB: 60 s). */
  ttlIntervalMs?: number;
  /** Where start-up notices go (conversion of an old data directory, an interrupted write left out). */
  warn?: (message: string) => void;
  /** mongod's enableTestCommands: accept configureFailPoint (for drivers' and our tests only). */
  enableTestCommands?: boolean;
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
  const socketPath = options.socketPath;
  if (socketPath !== undefined && !socketPath.endsWith('.sock')) throw new Error('socketPath must end in .sock');
  const host = socketPath ?? options.host ?? '127.0.0.1';
  const info = {
    host,
    port: options.port ?? 0,
    socketPath,
    setName: REPLICA_SET_NAME,
    startedAt: new Date(),
    enableTestCommands: options.enableTestCommands === true,
    dbPath: options.dataDir === undefined ? undefined : resolve(options.dataDir),
  };
  const warn = options.warn ?? ((message: string) => process.emitWarning(message, 'EmbeddedMongo'));
  const opened = await openStore(options.dataDir, warn);
  const engine = new Engine(info, opened.store);

  const server = new WireServer(engine);
  let port: number;
  try {
    if (socketPath === undefined) port = await server.listen(info.port, host);
    else {
      // A socket file left by a crash: the data directory's lock says no live engine uses it.
      if (options.dataDir) await rm(socketPath, { force: true });
      await server.listenOnSocket(socketPath);
      port = 0;
    }
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
    // Over a socket the driver connects directly: it lowercases the host names a replica set
    // announces, which would change the path of a socket in a directory with capitals.
    uri:
      socketPath === undefined
        ? `mongodb://${host}:${port}/?replicaSet=${REPLICA_SET_NAME}`
        : `mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`,
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
