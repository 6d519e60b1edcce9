// The API as `npm start` runs it, in its own process: bad configuration fails fast, data in the
// embedded engine survives a restart, and SIGTERM lets in-flight requests finish.
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountLinkToken } from './support/mail.js';

const dataDirs: string[] = [];
const children: ChildProcess[] = [];
// A test that fails or times out must not leave its server running: the child's pipes would keep
// the Jest worker from exiting.
afterAll(async () => {
  for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

interface Api {
  child: ChildProcess;
  url: Promise<string>;
  stderr: () => string;
  /** Resolves once the server has written a line to stdout matching `pattern`. */
  printed: (pattern: RegExp) => Promise<void>;
}

function startApi(env: Record<string, string>): Api {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stdout)) return false;
        child.stdout!.off('data', check);
        resolve();
        return true;
      };
      if (check()) return;
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${stderr}`)));
    });
  const url = printed(/the API at (\S+)\/graphql/).then(() =>
    /the API at (\S+)\/graphql/.exec(stdout)![1].replace('[::1]', '127.0.0.1'),
  );
  return { child, url, stderr: () => stderr, printed };
}

/** The TCP ports a process listens on (Linux: its socket inodes matched in /proc/net/tcp{,6}). */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined; // closed while we looked
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [local, state, inode] = [columns[1], columns[3], columns[9]];
      if (state === '0A' && inodes.has(inode)) ports.push(parseInt(local.split(':')[1], 16));
    }
  }
  return ports;
}

/** What a connection to a Unix socket says, tried by a process running as `uid` (or as us). */
function connectAs(socketPath: string, uid?: number): string {
  const script = `require('node:net').connect(${JSON.stringify(socketPath)})
    .on('connect', () => { console.log('connected'); process.exit(0); })
    .on('error', (error) => { console.log(error.code); process.exit(0); });`;
  return execFileSync(process.execPath, ['-e', script], { uid, gid: uid, encoding: 'utf8' }).trim();
}

function graphql(url: string, query: string) {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
}

describe('the API process', () => {
  it('refuses bad configuration at once, naming every bad variable', async () => {
    const api = startApi({ PORT: 'eighty', LOG_LEVEL: 'loud', DATA_DIR: mkdtempSync(join(tmpdir(), 'api-')) });
    const [code] = await once(api.child, 'exit');
    expect(code).toBe(78);
    expect(api.stderr()).toMatch(/PORT: /);
    expect(api.stderr()).toMatch(/LOG_LEVEL: /);
    await api.url.catch(() => undefined);
  });

  it('finishes an in-flight request on SIGTERM, exits cleanly and keeps the data for the next start, whose engine no other user can reach', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'api-'));
    dataDirs.push(dataDir);
    // At debug level the server says when it starts handling a request: SIGTERM is sent only
    // then (a fixed wait assumed the request had arrived, which a busy machine does not promise).
    const first = startApi({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    const url = await first.url;
    const handling = first.printed(/"msg":"request received"/);
    const inFlight = graphql(
      url,
      'mutation { register(input: { email: "kept@example.com", handle: "kept", password: "correct horse battery staple" }) }',
    );
    await handling; // the request is being handled (password hashing takes a while)
    first.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { register: true } });
    const [code] = await once(first.child, 'exit');
    expect(code).toBe(0);

    const second = startApi({ DATA_DIR: dataDir });
    const again = await second.url;
    // Started as `npm start` does, the engine (no authentication) is reachable by its own user only:
    // no TCP port but the site's, and its socket in a 0700 directory. Even with DATA_DIR and the
    // socket file open to all (a lax umask), another user cannot connect (checked as root).
    // (Connecting to a socket needs write permission on it; the directory is what must stop them.)
    expect(listeningTcpPorts(second.child.pid!)).toEqual([Number(new URL(again).port)]);
    const socketPath = join(dataDir, 'run', 'mongo.sock');
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    expect(connectAs(socketPath)).toBe('connected');
    if (process.getuid?.() === 0) {
      chmodSync(dataDir, 0o755);
      chmodSync(socketPath, 0o777);
      expect(connectAs(socketPath, 65534)).toBe('EACCES');
      chmodSync(join(dataDir, 'run'), 0o755);
      expect(connectAs(socketPath, 65534)).toBe('connected'); // the check can fail
      chmodSync(join(dataDir, 'run'), 0o700);
    }
    // The sign-up and its mailed link survived the restart: opening it creates the account.
    const token = accountLinkToken(dataDir, 'kept@example.com', '/complete-signup');
    const completed = await (
      await graphql(again, `mutation { completeRegistration(token: "${token}") { user { handle } } }`)
    ).json();
    expect(completed).toEqual({ data: { completeRegistration: { user: { handle: 'kept' } } } });
    const found = await (await graphql(again, '{ user(handle: "kept") { handle } }')).json();
    expect(found).toEqual({ data: { user: { handle: 'kept' } } });
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 150_000); // two server starts: over a minute each on a machine at load 20
});
