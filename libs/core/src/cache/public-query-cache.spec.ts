import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../clock/clock.js';
import { PUBLIC_QUERY_TTL_MS, PublicQueryCache } from './public-query-cache.js';

describe('PublicQueryCache', () => {
  const fresh = () => {
    const clock = new ManualClock(new Date('2026-12-01T00:00:00Z'));
    return { clock, cache: new PublicQueryCache(clock) };
  };

  it('drops every response tagged with what changed, and only those', () => {
    const { cache } = fresh();
    cache.set('a', ['thread:1'], 'page 1', cache.generation);
    cache.set('b', ['thread:2'], 'page 2', cache.generation);
    cache.invalidate('thread:1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('page 2');
  });

  it('refuses a response built while something changed, since it may show the old state', () => {
    const { cache } = fresh();
    const before = cache.generation;
    cache.invalidate('thread:9');
    cache.set('a', ['thread:1'], 'maybe stale', before);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets a response after its time limit', () => {
    const { cache, clock } = fresh();
    cache.set('a', ['thread:1'], 'page', cache.generation);
    clock.advance(PUBLIC_QUERY_TTL_MS - 1);
    expect(cache.get('a')).toBe('page');
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps a bounded number of responses, evicting the oldest', () => {
    const { cache } = fresh();
    for (let i = 0; i <= 2_000; i++) cache.set(`k${i}`, [`thread:${i}`], i, cache.generation);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k2000')).toBe(2000);
  });
});
