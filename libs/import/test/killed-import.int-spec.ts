// `npm run cli -- import stackexchange` as an operator runs it (its own process, the durable
// embedded engine in DATA_DIR), killed with SIGKILL once it has reported progress on votes, then
// run again: it resumes, and ends exactly where an uninterrupted import of the sample ends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hasSample, SE_SAMPLE_DIR, snapshot, startImportContext } from './import-context.js';

const describeWithSample = hasSample ? describe : describe.skip;
const target = { operatorSlug: 'french', boardSlug: 'french-meta', site: 'french.meta' };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI in a child process; killed with SIGKILL as soon as stderr matches `killWhen`. */
function importInChild(dataDir: string, killWhen?: RegExp): Promise<Run> {
  const { MONGODB_URI: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        'apps/api/src/cli.ts',
        'import',
        'stackexchange',
        SE_SAMPLE_DIR,
        '--operator',
        target.operatorSlug,
        '--board',
        target.boardSlug,
        '--site',
        target.site,
        '--batch-size',
        '40',
      ],
      { env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' }, stdio: 'pipe' },
    );
    const run: Run = { code: null, signal: null, stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
      if (killWhen?.test(run.stderr)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => resolve({ ...run, code, signal }));
  });
}

describeWithSample('an import killed midway', () => {
  it('resumes in a new process to the same end state as an uninterrupted import', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'killed-import-'));
    try {
      const killed = await importInChild(dataDir, /^votes: \d+ rows$/m);
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.stdout).toBe(''); // no summary: it never finished

      const resumed = await importInChild(dataDir);
      expect(resumed).toMatchObject({ code: 0, signal: null });
      expect(resumed.stdout).toMatch(/^Resumed french\.meta into board french-meta/);
      expect(resumed.stdout).toMatch(/^0 problem\(s\)$/m);

      const reference = await startImportContext();
      const expected = await reference.importer
        .import({ dir: SE_SAMPLE_DIR, ...target })
        .then(() => snapshot(reference.db))
        .finally(() => reference.close());

      const after = await startImportContext(join(dataDir, 'db'));
      try {
        const state = await snapshot(after.db);
        expect(Object.fromEntries(Object.entries(state).map(([name, rows]) => [name, rows.length]))).toEqual(
          Object.fromEntries(Object.entries(expected).map(([name, rows]) => [name, rows.length])),
        );
        expect(state).toEqual(expected);
        expect((await after.verifier.verify()).drifts).toEqual([]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
