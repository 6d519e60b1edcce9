import { Command } from 'commander';
import type { ReputationVerifier } from './reputation-verifier.js';

/** `reputation verify`: recompute totals from the ledger; exits 1 when any total drifted. */
export function reputationCommand(
  withVerifier: <T>(use: (verifier: ReputationVerifier) => Promise<T>) => Promise<T>,
): Command {
  return new Command('reputation').description('reputation maintenance').addCommand(
    new Command('verify').description('recompute every total from the ledger and report drift').action(async () => {
      const { checked, drifts } = await withVerifier((verifier) => verifier.verify());
      for (const drift of drifts) {
        process.stdout.write(
          `drift: user ${drift.userId} board ${drift.boardId ?? '(overall)'} ledger ${drift.expected} stored ${drift.stored}\n`,
        );
      }
      process.stdout.write(`${checked} totals checked, ${drifts.length} drifted\n`);
      if (drifts.length > 0) process.exitCode = 1;
    }),
  );
}
