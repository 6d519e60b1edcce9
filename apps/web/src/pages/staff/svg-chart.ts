// Server-rendered SVG bar charts: no script, no library, readable without colour (each bar is
// labelled with its value) and described for screen readers (role=img with a title and a
// description; the page shows the same figures in a table too).
import { html, type SafeHtml } from '../../render/html.js';

export interface Bar {
  label: string;
  value: number;
}

export interface ChartOptions {
  id: string;
  title: string;
  description: string;
  bars: readonly Bar[];
  /** Fill of the bars; the palette keeps 3:1 contrast against white. */
  colour?: string;
}

const ROW = 28;
const LABEL_WIDTH = 132;
const WIDTH = 420;

/** Horizontal bars, one row per figure: long labels (and Chinese ones) fit on phones. */
export function barChart(options: ChartOptions): SafeHtml {
  const max = Math.max(1, ...options.bars.map((bar) => bar.value));
  const plot = WIDTH - LABEL_WIDTH - 48;
  const height = options.bars.length * ROW + 8;
  const rows = options.bars.map((bar, index) => {
    const y = 4 + index * ROW;
    const width = Math.round((bar.value / max) * plot);
    return html`<g>
      <text x="${LABEL_WIDTH - 6}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1b1f24">${bar.label}</text>
      <rect x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(width, 1)}" height="${ROW - 10}" rx="2" fill="${options.colour ?? '#0a58ca'}"></rect>
      <text x="${LABEL_WIDTH + width + 6}" y="${y + 18}" font-size="13" fill="#1b1f24">${bar.value}</text>
    </g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${options.id}-t ${options.id}-d" xmlns="http://www.w3.org/2000/svg">
    <title id="${options.id}-t">${options.title}</title>
    <desc id="${options.id}-d">${options.description}</desc>
    ${rows}
  </svg>`;
}

/** The same figures as a table, for anyone who cannot see the chart (folded away under it). */
export function figuresTable(
  caption: string,
  headers: [string, string],
  bars: readonly Bar[],
  summary: string,
): SafeHtml {
  return html`<details>
    <summary>${summary}</summary>
    <table>
      <caption class="vh">${caption}</caption>
      <thead><tr><th scope="col">${headers[0]}</th><th scope="col">${headers[1]}</th></tr></thead>
      <tbody>${bars.map((bar) => html`<tr><th scope="row">${bar.label}</th><td>${bar.value}</td></tr>`)}</tbody>
    </table>
  </details>`;
}
