// `export users --operator <slug> [--format csv|json]`, to standard output.
import { Command, Option } from 'commander';
import type { ExportedUser, UserExportService } from './user-export.service.js';

type WithExporter = <T>(use: (exporter: UserExportService) => Promise<T>) => Promise<T>;

const COLUMNS: (keyof ExportedUser)[] = [
  'handle',
  'displayName',
  'sourceSite',
  'sourceId',
  'reputation',
  'answers',
  'acceptedAnswers',
  'badges',
];

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function usersAsCsv(users: ExportedUser[]): string {
  return [COLUMNS.join(','), ...users.map((u) => COLUMNS.map((c) => csvField(u[c])).join(','))].join('\n') + '\n';
}

export function exportCommand(withExporter: WithExporter): Command {
  return new Command('export').description('export data').addCommand(
    new Command('users')
      .description("list everyone who posted on an operator's boards, with reputation, answers and badges")
      .requiredOption('--operator <slug>', 'the operator')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .action(async (options: { operator: string; format: 'csv' | 'json' }) => {
        const users = await withExporter((exporter) => exporter.exportUsers(options.operator));
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(users, null, 2)}\n` : usersAsCsv(users));
      }),
  );
}
