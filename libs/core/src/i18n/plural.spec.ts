import { describe, expect, it } from '@jest/globals';
import { selectPlurals } from './plural.js';

const ANSWERS = '{count, plural, =0 {no answers} one {# answer} other {# answers}} on {title}';

describe('selectPlurals', () => {
  it.each([
    [0, 'no answers on {title}'],
    [1, '1 answer on {title}'],
    [2, '2 answers on {title}'],
    [21, '21 answers on {title}'],
  ])('picks the English form for %d', (count, text) => {
    expect(selectPlurals(ANSWERS, 'en', { count })).toBe(text);
  });

  it('uses the only Chinese category (other) for every count', () => {
    expect(selectPlurals('{count, plural, other {# 个回答}}', 'zh-CN', { count: 1 })).toBe('1 个回答');
  });

  it('keeps placeholders nested in an option and text without plurals as they are', () => {
    expect(selectPlurals('{n, plural, one {# flag, weight {w}} other {# flags, weight {w}}}', 'en', { n: 1 })).toBe(
      '1 flag, weight {w}',
    );
    expect(selectPlurals('{count} views', 'en', { count: 1 })).toBe('{count} views');
  });

  it('leaves a malformed block as written', () => {
    expect(selectPlurals('{count, plural, one {# answer}', 'en', { count: 1 })).toBe('{count, plural, one {# answer}');
  });
});
