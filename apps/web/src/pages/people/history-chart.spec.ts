import { describe, expect, it } from '@jest/globals';
import { historyChart, totalsOverTime } from './history-chart.js';

describe('reputation history chart', () => {
  it('rebuilds the totals after each change from the current total', () => {
    expect(totalsOverTime(26, [10, 15])).toEqual([1, 16, 26]);
  });

  it('draws a labelled line, and nothing for a single point', () => {
    const svg = historyChart([1, 11, 26], 'Reputation on <b>').value;
    expect(svg).toContain('<polyline points="4.0,76.0 160.0,');
    expect(svg).toContain('aria-label="Reputation on &lt;b&gt;"');
    expect(historyChart([5], 'x').value).toBe('');
  });
});
