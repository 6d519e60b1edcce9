// `npm run cli` as a person runs it: a refused command prints one sentence naming the field and
// the rule (or why the data directory is unavailable) and exits 1, without a stack trace.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs the CLI with `stdin` as its input (the password, for create-admin). */
async function cli(args: string[], env: Record<string, string>, stdin = '') {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'apps/api/src/cli.ts', ...args],
    {
      env: { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

describe('CLI errors', () => {
  type Result = Awaited<ReturnType<typeof cli>>;
  let reservedHandle: Result;
  let personalPassword: Result;
  let lockedDirectory: Result;
  let locked: string;

  // Each run starts a process: they run side by side, and each test reads its own.
  beforeAll(async () => {
    locked = dataDir();
    // The lock a running `npm start` holds: its process id (this test's own, which is alive).
    mkdirSync(join(locked, 'db'));
    writeFileSync(join(locked, 'db', 'mongod.lock'), String(process.pid));
    [reservedHandle, personalPassword, lockedDirectory] = await Promise.all([
      cli(
        ['create-admin', '--email', 'ops@example.com', '--handle', 'admin'],
        { DATA_DIR: dataDir() },
        'a long and unusual passphrase 42\n',
      ),
      cli(
        ['create-admin', '--email', 'night.owl@example.com', '--handle', 'ops-lead'],
        { DATA_DIR: dataDir() },
        'my night.owl password is long\n',
      ),
      cli(['reputation', 'verify'], { DATA_DIR: locked }),
    ]);
  }, 90_000);

  it('names the field and the rule when create-admin is given a reserved handle', () => {
    expect(reservedHandle).toMatchObject({ code: 1, stdout: '' });
    expect(reservedHandle.stderr).toBe('The input is not valid.\n  handle: This handle is reserved.\n');
  });

  it("names the password rule when it contains the e-mail's local part", () => {
    expect(personalPassword).toMatchObject({ code: 1, stdout: '' });
    expect(personalPassword.stderr).toBe(
      'The input is not valid.\n  password: The password must not contain your handle or e-mail.\n',
    );
  });

  it('says in one sentence that a running server holds the data directory', () => {
    expect(lockedDirectory.code).toBe(1);
    expect(lockedDirectory.stderr).toBe(
      `The data directory ${join(locked, 'db')} is in use by a running Helpboard (process ${process.pid}): stop the server (npm start) and run this command again.\n`,
    );
  });
});
