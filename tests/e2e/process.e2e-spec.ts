// The API as `npm start` runs it, in its own process: bad configuration fails fast, data in the
// embedded engine survives a restart, and SIGTERM lets in-flight requests finish.
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
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

  it('finishes an in-flight request on SIGTERM, exits cleanly and keeps the data for the next start', async () => {
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
