// The API as `npm start` runs it, in its own process: bad configuration fails fast, data in the
// embedded engine survives a restart, and SIGTERM lets in-flight requests finish.
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function startApi(env: Record<string, string>): { child: ChildProcess; url: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (\S+)\/graphql/.exec(stdout);
      if (match) resolve(match[1].replace('[::1]', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
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
    const first = startApi({ DATA_DIR: dataDir });
    const url = await first.url;
    const inFlight = graphql(
      url,
      'mutation { register(input: { email: "kept@example.com", handle: "kept", password: "correct horse battery staple" }) { user { handle } } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 20)); // the request is being handled (hashing)
    first.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { register: { user: { handle: 'kept' } } } });
    const [code] = await once(first.child, 'exit');
    expect(code).toBe(0);

    const second = startApi({ DATA_DIR: dataDir });
    const again = await second.url;
    const found = await (await graphql(again, '{ user(handle: "kept") { handle } }')).json();
    expect(found).toEqual({ data: { user: { handle: 'kept' } } });
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 60_000);
});
