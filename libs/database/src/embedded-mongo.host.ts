// Decides where the database is: MONGODB_URI when given, otherwise the embedded engine started
// with its files under DATA_DIR. The engine has no authentication, so it listens on a Unix domain
// socket in a directory only this user may enter, never on a TCP port other local users could
// reach. Stops the engine last, after mongoose has closed.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { type EmbeddedMongo, startEmbeddedMongo } from '@helpboard/mongo-embedded';

/** The database the app uses inside the embedded engine (a MONGODB_URI names its own). */
const EMBEDDED_DATABASE_NAME = 'helpboard';
/** Linux allows 107 bytes in a socket path (sun_path); longer DATA_DIRs use a private temp dir. */
const MAX_SOCKET_PATH = 100;

/**
 * `<DATA_DIR>/run/mongo.sock`, its directory made (or reset to) mode 0700 and owned by us, so no
 * other local user can connect.
 */
export function privateSocketPath(dataDir: string): string {
  const directory = resolve(join(dataDir, 'run'));
  const socketPath = join(directory, 'mongo.sock');
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH)
    return join(mkdtempSync(join(tmpdir(), 'helpboard-')), 'mongo.sock'); // mkdtemp makes it 0700
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const owner = statSync(directory).uid;
  if (typeof process.getuid === 'function' && owner !== process.getuid())
    throw new Error(`${directory} belongs to another user: refusing to put the database socket there`);
  return socketPath;
}

@Injectable()
export class EmbeddedMongoHost implements OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddedMongoHost.name);
  private embedded?: EmbeddedMongo;
  private resolvedUri?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The URI mongoose connects to; starts the embedded engine on first use when needed. */
  async uri(): Promise<string> {
    if (this.resolvedUri) return this.resolvedUri;
    if (this.config.mongodbUri) {
      this.resolvedUri = this.config.mongodbUri;
      return this.resolvedUri;
    }
    const dataDir = resolve(join(this.config.dataDir, 'db'));
    this.embedded = await startEmbeddedMongo({ dataDir, socketPath: privateSocketPath(this.config.dataDir) });
    this.logger.log(`embedded database started at ${this.embedded.uri} with its files in ${dataDir}`);
    // The socket path is the URI's (percent-encoded) host: put the database name after it.
    this.resolvedUri = this.embedded.uri.replace('/?', `/${EMBEDDED_DATABASE_NAME}?`);
    return this.resolvedUri;
  }

  get kind(): 'embedded' | 'mongodb' {
    return this.config.mongodbUri ? 'mongodb' : 'embedded';
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    const connection = this.moduleRef.get<Connection>(getConnectionToken(), { strict: false });
    await connection.close();
    await this.embedded.stop();
    this.logger.log('embedded database flushed and stopped');
    this.embedded = undefined;
  }
}
