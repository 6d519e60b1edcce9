import { Command } from 'commander';
import type { ReputationVerifier } from './reputation-verifier.js';

/** `reputation verify [--fix]`: recompute projections from the ledger; exits 1 when any drifted (and was not fixed). */
export function reputationCommand(
  withVerifier: <T>(use: (verifier: ReputationVerifier) => Promise<T>) => Promise<T>,
): Command {
  return new Command('reputation').description('reputation maintenance').addCommand(
    new Command('verify')
      .description('recompute every projection from the ledger and report drift')
      .option('--fix', 'overwrite drifted projections with the values recomputed from the ledger')
      .action(async (options: { fix?: boolean }) => {
        const { checked, drifts, fixed } = await withVerifier((verifier) => verifier.verify({ fix: options.fix }));
        for (const drift of drifts) {
          process.stdout.write(
            `drift: user ${drift.userId} ${drift.projection} ledger ${drift.expected} stored ${drift.stored}\n`,
          );
        }
        process.stdout.write(`${checked} projections checked, ${drifts.length} drifted, ${fixed} fixed\n`);
        if (drifts.length > fixed) process.exitCode = 1;
      }),
  );
}
