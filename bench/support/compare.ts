// `--compare <checkout>`: runs a benchmark's server from this checkout and from another one (e.g.
// the starting commit: `git worktree add /tmp/base <commit>` and a node_modules symlink) in the
// same run, one after the other with identical load, and prints both with their ratios.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Checkout {
  label: string;
  /** The checkout's root directory. */
  root: string;
}

/** This checkout's root (bench/support/ is two levels down). */
const HERE = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The checkouts to measure: the other one first (when given), then this one. */
export function checkoutsOf(compare: string | undefined): Checkout[] {
  const current = { label: 'this checkout', root: HERE };
  if (!compare) return [current];
  return [{ label: `compare (${compare})`, root: resolve(compare) }, current];
}

/** A bench's entry point, as the same path inside `checkout`. */
export function entryIn(checkout: Checkout, benchRelativeUrl: URL): string {
  const relative = fileURLToPath(benchRelativeUrl).slice(HERE.length + 1);
  return resolve(checkout.root, relative);
}
