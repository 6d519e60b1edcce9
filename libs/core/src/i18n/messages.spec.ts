import { describe, expect, it } from '@jest/globals';
import { negotiateLocale, registerMessages, translate } from './messages.js';

describe('messages', () => {
  it('translates with parameters in English and Simplified Chinese', () => {
    expect(translate('RATE_LIMITED', 'en', { seconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
    expect(translate('RATE_LIMITED', 'zh-CN', { seconds: 30 })).toBe('尝试次数过多，请在 30 秒后重试。');
  });

  it('refuses a catalogue that lacks a translation', () => {
    expect(() => registerMessages({ en: { ONLY_EN: 'x' }, 'zh-CN': {} })).toThrow(/zh-CN/);
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, zh-TW;q=0.5', 'zh-CN'],
    ['de', 'en'],
    [undefined, 'en'],
    ['en;q=0.1, zh;q=0.9', 'zh-CN'],
  ])('negotiates %s as %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
