import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { EmbeddedMongoHost } from './embedded-mongo.host.js';

export interface DatabaseStatus {
  isUp: boolean;
  kind: 'embedded' | 'mongodb';
  latencyMs?: number;
}

@Injectable()
export class DatabaseHealth {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly host: EmbeddedMongoHost,
  ) {}

  /** A round trip to the server, not just the driver's idea of the connection state. */
  async check(timeoutMs = 2_000): Promise<DatabaseStatus> {
    const started = performance.now();
    const db = this.connection.db;
    if (!db) return { isUp: false, kind: this.host.kind };
    try {
      await Promise.race([
        db.admin().ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), timeoutMs).unref()),
      ]);
      return { isUp: true, kind: this.host.kind, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { isUp: false, kind: this.host.kind };
    }
  }
}
