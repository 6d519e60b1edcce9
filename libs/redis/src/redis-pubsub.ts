// GraphQL subscriptions across instances: `publish` goes to a Redis channel per trigger and every
// instance with a subscriber on that trigger hands the message to its local listeners. Live
// updates are best effort: with Redis down a publish is dropped (the change itself is committed)
// and subscribers receive again once it is back.
import { Logger } from '@nestjs/common';
import { PubSubEngine } from 'graphql-subscriptions';
import type { RedisConnection } from './redis-connection.js';

const CHANNEL_PREFIX = 'helpboard:pubsub:';

type Listener = (payload: unknown) => void;

/** JSON that keeps Dates (GraphQL's DateTime scalar serialises only Date objects). */
export function encodePayload(payload: unknown): string {
  return JSON.stringify(payload, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

export function decodePayload(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && typeof (value as { $date?: unknown }).$date === 'string'
      ? new Date((value as { $date: string }).$date)
      : value,
  );
}

export class RedisPubSub extends PubSubEngine {
  private readonly logger = new Logger(RedisPubSub.name);
  private readonly listeners = new Map<number, { trigger: string; listener: Listener }>();
  private readonly idsByTrigger = new Map<string, Set<number>>();
  private nextId = 0;

  constructor(private readonly redis: RedisConnection) {
    super();
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(CHANNEL_PREFIX)) return;
      const ids = this.idsByTrigger.get(channel.slice(CHANNEL_PREFIX.length));
      if (!ids) return;
      const payload = decodePayload(message);
      for (const id of ids) this.listeners.get(id)?.listener(payload);
    });
  }

  async publish(trigger: string, payload: unknown): Promise<void> {
    try {
      await this.redis.client.publish(CHANNEL_PREFIX + trigger, encodePayload(payload));
    } catch (error) {
      this.logger.warn({ err: error, trigger }, 'live update dropped: redis unavailable');
    }
  }

  async subscribe(trigger: string, onMessage: Listener, _options: object = {}): Promise<number> {
    const id = ++this.nextId;
    this.listeners.set(id, { trigger, listener: onMessage });
    const ids = this.idsByTrigger.get(trigger) ?? new Set();
    ids.add(id);
    this.idsByTrigger.set(trigger, ids);
    if (ids.size === 1) await this.redis.subscribeSoon(CHANNEL_PREFIX + trigger);
    return id;
  }

  unsubscribe(id: number): void {
    const entry = this.listeners.get(id);
    if (!entry) return;
    this.listeners.delete(id);
    const ids = this.idsByTrigger.get(entry.trigger)!;
    ids.delete(id);
    if (ids.size > 0) return;
    this.idsByTrigger.delete(entry.trigger);
    this.redis.subscriber.unsubscribe(CHANNEL_PREFIX + entry.trigger).catch(() => undefined);
  }
}
