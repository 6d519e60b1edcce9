// The Redis clients of one process. Commands fail fast while Redis is unreachable (no offline
// queue), so callers degrade at once instead of hanging; the clients reconnect on their own.
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

const RECONNECT_MAX_MS = 1_000;
const PING_TIMEOUT_MS = 1_000;

/** Options for a client that must not queue commands while disconnected. */
export const failFastOptions: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: (times) => Math.min(times * 100, RECONNECT_MAX_MS),
  lazyConnect: false,
};

@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  /** Commands (counters, publishing). */
  readonly client: Redis;
  /** Subscriptions need a connection of their own; it re-subscribes after a reconnect. */
  readonly subscriber: Redis;

  constructor(readonly url: string) {
    this.client = this.connect('commands', failFastOptions);
    this.subscriber = this.connect('subscriber', {
      retryStrategy: failFastOptions.retryStrategy,
      maxRetriesPerRequest: null,
    });
  }

  get isConnected(): boolean {
    return this.client.status === 'ready';
  }

  /** A round trip, bounded in time. */
  async ping(): Promise<boolean> {
    if (!this.isConnected) return false;
    try {
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), PING_TIMEOUT_MS).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Subscribes to `channel`: at once when connected (so a message published right after is
   * heard), otherwise when the connection is back, without making the caller wait for Redis.
   */
  async subscribeSoon(channel: string): Promise<void> {
    const subscribing = this.subscriber.subscribe(channel);
    if (this.subscriber.status === 'ready') await subscribing;
    else subscribing.catch((error: unknown) => this.logger.warn({ err: error, channel }, 'redis subscribe failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
  }

  private connect(role: string, options: RedisOptions): Redis {
    const client = new Redis(this.url, { ...options, connectionName: `helpboard-${role}` });
    let wasReady = false;
    // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
    client.on('error', (error: Error) => {
      if (wasReady) this.logger.warn({ err: error }, `redis ${role} connection lost`);
      wasReady = false;
    });
    client.on('ready', () => {
      wasReady = true;
    });
    return client;
  }
}
