import { describe, expect, it } from '@jest/globals';
import { detectLanguage, NEGATIVE_AT, scoreText } from './text-scorer.js';

describe('scoreText', () => {
  it('scores an angry English post negative and urgent', () => {
    const score = scoreText('Total outage since this morning, terrible service. I want a refund!');
    expect(score.language).toBe('en');
    expect(score.sentiment).toBeLessThanOrEqual(NEGATIVE_AT);
    expect(score.urgentTerms).toEqual(expect.arrayContaining(['outage', 'refund']));
    expect(score.urgency).toBe(1);
    expect(score.terms).toContain('outage');
  });

  it('scores a grateful English post positive and not urgent', () => {
    const score = scoreText('Thanks, that worked perfectly. Great answer!');
    expect(score.sentiment).toBeGreaterThan(0.3);
    expect(score.urgency).toBe(0);
  });

  it('scores an angry Chinese post negative and urgent, joining words jieba splits', () => {
    const score = scoreText('家里断网三天了，客服不理人，服务太差了，我要投诉！');
    expect(score.language).toBe('zh');
    expect(score.sentiment).toBeLessThanOrEqual(-0.9);
    expect(score.urgentTerms).toEqual(expect.arrayContaining(['断网', '投诉']));
    expect(score.urgency).toBe(1);
    expect(score.terms).toContain('客服');
  });

  it('turns Chinese sentiment around after a negation', () => {
    expect(scoreText('信号很好，非常满意，谢谢').sentiment).toBeGreaterThan(0.5);
    expect(scoreText('我对这个处理结果不满意').sentiment).toBeLessThan(0);
  });

  it('tells Chinese from English by script', () => {
    expect(detectLanguage('5G 套餐怎么查询剩余流量？')).toBe('zh');
    expect(detectLanguage('How do I check my 5G data? 谢谢')).toBe('en');
  });
});
