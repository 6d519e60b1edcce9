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

  private last?: { status: DatabaseStatus; at: number };

  /**
   * A round trip to the server, not just the driver's idea of the connection state. Callers that
   * poll under load (the `health` query) accept a result up to `maxAgeMs` old, so a flood of
   * health checks costs one ping per interval; probes pass 0 for a fresh answer.
   */
  async check(maxAgeMs = 0, timeoutMs = 2_000): Promise<DatabaseStatus> {
    if (this.last && performance.now() - this.last.at <= maxAgeMs) return this.last.status;
    const status = await this.ping(timeoutMs);
    this.last = { status, at: performance.now() };
    return status;
  }

  private async ping(timeoutMs: number): Promise<DatabaseStatus> {
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
