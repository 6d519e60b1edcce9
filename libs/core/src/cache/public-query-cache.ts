// Responses to anonymous readers' queries, kept for a few seconds and dropped as soon as what
// they show changes. A popular thread is read by thousands who are not signed in and all see
// the same page, so building it once per change instead of once per read is what lets the
// API serve them (Stack Overflow caches anonymous pages the same way).
//
// A lib opts one of its root query fields in with `register(field, rule)`: `tags` names what a
// response depends on (e.g. `thread:<id>`), and the lib calls `invalidate(tag)` after every
// committed change of it. The time limit bounds staleness from what no tag covers (an author's
// reputation changing on another board). With Redis, every invalidation is broadcast to the
// other API instances (libs/redis), which drop their copies too.
import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';

export interface CacheableQueryRule {
  /** What the response to this field with these arguments shows. */
  tags(args: Record<string, unknown>): string[];
  /** Side effects a real read has, still owed when the response comes from the cache (view counts). */
  onHit?(args: Record<string, unknown>, context: unknown): void;
}

interface Entry {
  value: unknown;
  tags: string[];
  expiresAt: number;
}

export const PUBLIC_QUERY_TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;

@Injectable()
export class PublicQueryCache {
  private readonly rules = new Map<string, CacheableQueryRule>();
  private readonly entries = new Map<string, Entry>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private invalidations = 0;
  private readonly invalidationListeners: ((tag: string) => void)[] = [];

  constructor(private readonly clock: Clock) {}

  register(field: string, rule: CacheableQueryRule): void {
    this.rules.set(field, rule);
  }

  ruleFor(field: string): CacheableQueryRule | undefined {
    return this.rules.get(field);
  }

  /**
   * Counts invalidations. A response built while something changed may show the old state, so
   * `set` drops it unless no invalidation happened since the caller read this number.
   */
  get generation(): number {
    return this.invalidations;
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, tags: string[], value: unknown, generation: number): void {
    if (generation !== this.invalidations) return;
    this.delete(key);
    // Oldest first out: Maps iterate in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, tags, expiresAt: this.clock.now().getTime() + PUBLIC_QUERY_TTL_MS });
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag) ?? new Set();
      keys.add(key);
      this.keysByTag.set(tag, keys);
    }
  }

  /** Hears every invalidation made here (not those received through `invalidateLocally`). */
  onInvalidate(listener: (tag: string) => void): void {
    this.invalidationListeners.push(listener);
  }

  invalidate(tag: string): void {
    this.invalidateLocally(tag);
    for (const listener of this.invalidationListeners) listener(tag);
  }

  /** Drops this instance's responses showing `tag`, without telling anyone (another instance told us). */
  invalidateLocally(tag: string): void {
    this.invalidations++;
    for (const key of [...(this.keysByTag.get(tag) ?? [])]) this.delete(key);
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
