// `import stackexchange <dir> --operator <slug> --board <slug>`: a progress bar per table
// (rows, rate), problems as they are found (file:line), and a summary at the end.
import { Command } from 'commander';
import { MultiBar, Presets } from 'cli-progress';
import type {
  ImportSummary,
  PhaseProgressReport,
  StackExchangeImporter,
} from '../stackexchange/stackexchange-importer.js';

type WithImporter = <T>(use: (importer: StackExchangeImporter) => Promise<T>) => Promise<T>;

/** Problems printed one by one; past this many only counted (a broken dump could have millions). */
const PRINTED_PROBLEMS = 200;

export function formatSummary(summary: ImportSummary): string {
  const lines = [`${summary.resumed ? 'Resumed' : 'Imported'} ${summary.site} into board ${summary.boardSlug}`];
  for (const phase of summary.phases) {
    const rate = phase.seconds > 0 ? Math.round(phase.rows / phase.seconds) : phase.rows;
    lines.push(
      `  ${phase.phase.padEnd(10)} ${String(phase.rows).padStart(9)} rows  ${String(phase.added).padStart(9)} added  ` +
        `${String(phase.ignored).padStart(7)} ignored  ${String(phase.problems).padStart(5)} problems  ${rate} rows/s` +
        (phase.reputationEntries > 0 ? `  (${phase.reputationEntries} reputation entries)` : ''),
    );
  }
  lines.push(`${summary.problems} problem(s)`);
  return `${lines.join('\n')}\n`;
}

export function importCommand(withImporter: WithImporter): Command {
  return new Command('import').description('import data from other platforms').addCommand(
    new Command('stackexchange')
      .description('import a Stack Exchange data dump folder (Users.xml, Posts.xml, … or .xml.gz)')
      .argument('<dir>', 'the dump folder')
      .requiredOption('--operator <slug>', 'operator to import into (created when missing)')
      .requiredOption('--board <slug>', 'board to import into (created when missing)')
      .option('--site <name>', 'source name kept on every record (default: the folder name)')
      .option('--batch-size <n>', 'rows per transaction (default: 2000, votes 10000)', (v) => Number.parseInt(v, 10))
      .option('--no-progress', 'no progress (bars on a terminal, a line per batch otherwise)')
      .action(
        async (
          dir: string,
          options: { operator: string; board: string; site?: string; batchSize?: number; progress: boolean },
        ) => {
          const bars =
            options.progress && process.stderr.isTTY
              ? new MultiBar(
                  { format: '{phase} [{bar}] {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true },
                  Presets.shades_classic,
                )
              : null;
          const active = new Map<string, { bar: ReturnType<MultiBar['create']>; started: number }>();
          let printed = 0;
          const onProgress = (p: PhaseProgressReport) => {
            // Without a terminal (logs, CI, a supervising process): a line per committed batch.
            if (!bars) {
              if (options.progress) process.stderr.write(`${p.phase}: ${p.rows} rows${p.done ? ', done' : ''}\n`);
              return;
            }
            const current = active.get(p.phase) ?? {
              bar: bars.create(p.bytes, 0, { phase: p.phase.padEnd(9) }),
              started: performance.now(),
            };
            active.set(p.phase, current);
            const seconds = (performance.now() - current.started) / 1000;
            current.bar.update(p.done ? p.bytes : p.bytesRead, {
              rows: p.rows,
              rate: seconds > 0 ? Math.round(p.rows / seconds) : 0,
            });
          };
          const summary = await withImporter((importer) =>
            importer.import({
              dir,
              operatorSlug: options.operator,
              boardSlug: options.board,
              site: options.site,
              batchSize: options.batchSize,
              onProgress,
              onProblem: (problem) => {
                if (++printed > PRINTED_PROBLEMS) return;
                const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
                (bars ? bars.log.bind(bars) : (text: string) => process.stderr.write(text))(
                  `${where}: ${problem.message}\n`,
                );
              },
            }),
          ).finally(() => bars?.stop());
          if (printed > PRINTED_PROBLEMS) process.stderr.write(`… and ${printed - PRINTED_PROBLEMS} more problem(s)\n`);
          process.stdout.write(formatSummary(summary));
        },
      ),
  );
}
