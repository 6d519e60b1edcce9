import { describe, expect, it } from '@jest/globals';
import { flagWeight, MIN_WEIGHT } from './flag-weight.js';

describe('flag weight', () => {
  it('counts staff and moderators fully', () => {
    expect(flagWeight({ isTrusted: true, helpful: 0, declined: 50 })).toBe(1);
  });

  it('starts new flaggers at half and follows their accuracy', () => {
    expect(flagWeight({ isTrusted: false, helpful: 0, declined: 0 })).toBe(0.5);
    expect(flagWeight({ isTrusted: false, helpful: 18, declined: 0 })).toBe(0.95);
    expect(flagWeight({ isTrusted: false, helpful: 0, declined: 8 })).toBe(MIN_WEIGHT);
  });
});
