// Money never turns into reputation: the referrals lib cannot reach the reputation lib at all, so
// no commission, click or payout can write a ledger entry or move a total. (The e2e story checks
// the other side: a rep's reputation is unchanged from answer to payout.)
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const reputationSources = join(here, '../../reputation/src');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Collections the reputation lib stores, read from its schemas so a new one is covered too. */
function reputationCollections(): string[] {
  return sourcesUnder(reputationSources)
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/collection:\s*'([^']+)'/g)].map((m) => m[1]))
    .sort();
}

describe('money is not reputation', () => {
  const files = sourcesUnder(here).filter((file) => !file.endsWith('money-is-not-reputation.spec.ts'));

  it('finds the sources and the collections it guards', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(reputationCollections()).toEqual(expect.arrayContaining(['reputation_ledger', 'reputation_totals']));
  });

  it('never imports the reputation lib, directly or by path', () => {
    const offenders = files.filter((file) =>
      /from\s+'(@helpboard\/reputation|[./]+reputation\/)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(here, file))).toEqual([]);
  });

  it('never names a reputation collection', () => {
    const collections = reputationCollections();
    const offenders = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return collections
        .filter((name) => source.includes(`'${name}'`))
        .map((name) => `${relative(here, file)}: ${name}`);
    });
    expect(offenders).toEqual([]);
  });
});
