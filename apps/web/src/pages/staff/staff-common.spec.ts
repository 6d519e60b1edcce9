import { describe, expect, it } from '@jest/globals';
import { InvalidInputError, PreconditionFailedError } from '@helpboard/core';
import '../../i18n/web.messages.js';
// Registers the moderation lib's messages (a refusal's text comes from its owner's catalogue).
import '@helpboard/moderation';
import { translator, type WebContext } from '../../http/web-context.js';
import { barChart } from './svg-chart.js';
import { formatMoney, outcomeNotice, withParam } from './staff-common.js';

const ctx = (locale: 'en' | 'zh-CN' = 'en') => ({ locale, t: translator(locale) }) as WebContext;
const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('staff page helpers', () => {
  it('formats integer minor units in the currency’s own decimals', () => {
    expect(formatMoney(500, 'USD', 'en')).toBe('$5.00');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMoney(1234, 'CNY', 'zh-CN')).toBe('¥12.34');
  });

  it('sets one query parameter and keeps the rest', () => {
    expect(withParam('/b/x/review?kind=LINKS', 'done', 'hidden')).toBe('/b/x/review?kind=LINKS&done=hidden');
    expect(withParam('/b/x/review#item-1', 'done', 'claimed')).toBe('/b/x/review?done=claimed#item-1');
  });

  it('shows only catalogue messages from the query string, never text of the sender’s choosing', () => {
    expect(String(outcomeNotice(ctx(), { done: 'hidden' }))).toContain('The post is hidden.');
    expect(outcomeNotice(ctx(), { done: 'no such thing' })).toBeNull();
    expect(outcomeNotice(ctx(), { problem: encoded({ k: '<b>free text</b>', p: {} }) })).toBeNull();
    expect(outcomeNotice(ctx(), { problem: 'not base64 json' })).toBeNull();
    const rule = new PreconditionFailedError('REVIEW_ITEM_NOT_CLAIMED');
    expect(String(outcomeNotice(ctx('zh-CN'), { problem: encoded({ k: rule.messageKey, p: {} }) }))).toContain(
      '请先认领此项再做决定。',
    );
    const invalid = new InvalidInputError([
      { field: 'reason', message: 'LENGTH_OUT_OF_RANGE', params: { min: 3, max: 500 } },
    ]);
    const field = invalid.fields[0];
    expect(String(outcomeNotice(ctx(), { problem: encoded({ k: field.message, p: field.params }) }))).toMatch(/3.*500/);
  });

  it('draws labelled bars scaled to the largest value, with labels escaped', () => {
    const svg = String(
      barChart({
        id: 'c',
        title: 'T',
        description: 'D',
        bars: [
          { label: '<x>', value: 2 },
          { label: 'b', value: 1 },
        ],
      }),
    );
    expect(svg).toContain('role="img"');
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).not.toContain('<x>');
    const widths = [...svg.matchAll(/<rect[^>]* width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(2 * widths[1]);
  });
});
