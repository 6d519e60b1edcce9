// A small server-rendered SVG line of a reputation total over its latest changes: numbers
// only go into the markup, so it needs no escaping beyond the label, and no script or style.
import { html, type SafeHtml } from '../../render/html.js';

const WIDTH = 320;
const HEIGHT = 80;
const PAD = 4;

/** Totals after each change, oldest first, from the current total and the changes newest first. */
export function totalsOverTime(current: number, deltasNewestFirst: readonly number[]): number[] {
  const totals = [current];
  let value = current;
  for (const delta of deltasNewestFirst) {
    value -= delta;
    totals.push(value);
  }
  return totals.reverse();
}

export function historyChart(values: readonly number[], label: string): SafeHtml {
  if (values.length < 2) return html``;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const points = values
    .map((v, i) => {
      const x = PAD + (i * (WIDTH - 2 * PAD)) / (values.length - 1);
      const y = HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / span;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><title>${label}</title><rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#f6f8fa"></rect><polyline points="${points}" fill="none" stroke="#0a58ca" stroke-width="2"></polyline></svg>`;
}
