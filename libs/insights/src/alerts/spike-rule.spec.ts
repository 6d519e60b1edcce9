import { describe, expect, it } from '@jest/globals';
import { spikeOf } from './spike-rule.js';

describe('spikeOf', () => {
  it('needs the floor on a quiet scope', () => {
    expect(spikeOf(4, Array(24).fill(0), 5).isSpike).toBe(false);
    expect(spikeOf(5, Array(24).fill(0), 5).isSpike).toBe(true);
  });

  it('is not fooled by a scope that is always busy', () => {
    const busy = Array.from({ length: 24 }, (_, i) => 20 + (i % 5));
    expect(spikeOf(24, busy, 5).isSpike).toBe(false);
    expect(spikeOf(70, busy, 5).isSpike).toBe(true);
  });

  it('does not fire on a normal hour of a varied day', () => {
    const day = [1, 2, 0, 3, 1, 2, 2, 1, 0, 1, 3, 2, 1, 2, 1, 0, 2, 3, 1, 1, 2, 1, 0, 2];
    expect(spikeOf(3, day, 5).isSpike).toBe(false);
    expect(spikeOf(9, day, 5)).toMatchObject({ isSpike: true, mean: 1.42 });
  });
});
