// Decides where the database is: MONGODB_URI when given, otherwise the embedded engine started
// on loopback with its files under DATA_DIR. Stops the engine last, after mongoose has closed.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { join, resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { type EmbeddedMongo, startEmbeddedMongo } from '@helpboard/mongo-embedded';

/** The database the app uses inside the embedded engine (a MONGODB_URI names its own). */
const EMBEDDED_DATABASE_NAME = 'helpboard';

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
    this.embedded = await startEmbeddedMongo({ dataDir });
    this.logger.log(`embedded database started at ${this.embedded.uri} with its files in ${dataDir}`);
    const uri = new URL(this.embedded.uri);
    uri.pathname = `/${EMBEDDED_DATABASE_NAME}`;
    this.resolvedUri = uri.toString();
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
