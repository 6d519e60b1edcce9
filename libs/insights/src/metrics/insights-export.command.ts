// `insights export --operator <slug> [--board <slug>] --from <date> --to <date>
// [--granularity DAY|WEEK|MONTH] [--format csv|json]`: boardInsights as a spreadsheet, to stdout.
import { Command, Option } from 'commander';
import type { InsightsReport } from './board-insights.service.js';
import { type BoardInsightsService, InsightGranularity } from './board-insights.service.js';

type WithInsights = <T>(use: (insights: BoardInsightsService) => Promise<T>) => Promise<T>;

/** `{ a: 1, b: { c: 2 } }` → `{ a: 1, 'b.c': 2 }`, in key order. */
export function flatten(value: object, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) =>
      inner !== null && typeof inner === 'object' && !(inner instanceof Date)
        ? Object.entries(flatten(inner as object, `${prefix}${key}.`))
        : [[`${prefix}${key}`, inner]],
    ),
  );
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per period (then one `TOTAL` row), columns `periodStart, scope, slug, <figures…>`. */
export function insightsAsCsv(report: InsightsReport): string {
  const rows = [
    ...report.series.map((period) => ({ periodStart: period.start, figures: period.figures })),
    { periodStart: 'TOTAL', figures: report.totals },
  ].map((row) => ({
    periodStart: row.periodStart,
    scope: report.scope.kind,
    slug: report.scope.slug,
    ...flatten(row.figures),
  }));
  return rowsAsCsv(rows);
}

/** Rows of one shape as CSV, columns in the last row's key order (RFC 4180 quoting). */
export function rowsAsCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows.at(-1) ?? {});
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))]
    .join('\n')
    .concat('\n');
}

const asDate = (name: string) => (value: string) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${name}: not a date: ${value}`);
  return date;
};

export function insightsCommand(withInsights: WithInsights): Command {
  return new Command('insights').description("operators' service numbers").addCommand(
    new Command('export')
      .description("an operator's (or one of its boards') figures per day, week or month, and the total")
      .requiredOption('--operator <slug>', 'the operator')
      .option('--board <slug>', 'one of its boards (default: all of them)')
      .requiredOption('--from <date>', 'start (ISO 8601; whole UTC days)', asDate('--from'))
      .requiredOption('--to <date>', 'end, exclusive (ISO 8601)', asDate('--to'))
      .addOption(
        new Option('--granularity <granularity>', 'rows per')
          .choices(Object.values(InsightGranularity))
          .default(InsightGranularity.DAY),
      )
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .action(
        async (options: {
          operator: string;
          board?: string;
          from: Date;
          to: Date;
          granularity: InsightGranularity;
          format: 'csv' | 'json';
        }) => {
          const report = await withInsights((insights) =>
            insights.export(options.operator, options.board ?? null, options.from, options.to, options.granularity),
          );
          process.stdout.write(
            options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : insightsAsCsv(report),
          );
        },
      ),
  );
}
