import { describe, expect, it } from '@jest/globals';
import { negotiateLocale, registerMessages, translate } from './messages.js';

describe('messages', () => {
  it('translates with parameters in English and Simplified Chinese', () => {
    expect(translate('RATE_LIMITED', 'en', { seconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
    expect(translate('RATE_LIMITED', 'zh-CN', { seconds: 30 })).toBe('尝试次数过多，请在 30 秒后重试。');
  });

  it('chooses plural forms by CLDR rules in each language', () => {
    registerMessages({
      en: { TEST_ANSWERS: '{count, plural, one {# answer} other {# answers}}' },
      'zh-CN': { TEST_ANSWERS: '{count, plural, other {# 个回答}}' },
    });
    expect(translate('TEST_ANSWERS', 'en', { count: 1 })).toBe('1 answer');
    expect(translate('TEST_ANSWERS', 'en', { count: 3 })).toBe('3 answers');
    expect(translate('TEST_ANSWERS', 'zh-CN', { count: 1 })).toBe('1 个回答');
  });

  it('spaces a Latin value inside Chinese text, and nothing else', () => {
    registerMessages({ en: { TEST_ASK_ON: 'Ask on {board}' }, 'zh-CN': { TEST_ASK_ON: '在{board}提问' } });
    expect(translate('TEST_ASK_ON', 'zh-CN', { board: 'Mobile plans' })).toBe('在 Mobile plans 提问');
    expect(translate('TEST_ASK_ON', 'zh-CN', { board: '手机套餐' })).toBe('在手机套餐提问');
    expect(translate('TEST_ASK_ON', 'en', { board: 'Mobile plans' })).toBe('Ask on Mobile plans');
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
