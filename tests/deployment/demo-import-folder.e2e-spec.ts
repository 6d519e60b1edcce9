// `npm run demo -- --import <dir>` with a folder that is not there: it must fail at once, naming
// the folder, before writing anything (it used to exit 0 after seeding ./data without the import).
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const runDemo = (dataDir: string, dump: string) =>
  spawnSync(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'apps/api/src/demo/demo.ts', '--import', dump],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 60_000 },
  );

describe('npm run demo -- --import', () => {
  it('fails before writing anything when the folder is missing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpboard-demo-'));
    const missing = join(dataDir, '..', 'no-such-dump-folder');
    const run = runDemo(dataDir, missing);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`--import ${missing}: no such folder.`);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 60_000);
});
