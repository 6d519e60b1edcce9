import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { login, registerUser, STRONG_PASSWORD } from './support/accounts.js';

describe('identity: the first admin and suspended users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a platform admin from the CLI, reading the password from stdin', async () => {
    const env = { MONGODB_URI: t.engine.uri, DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')), LOG_LEVEL: 'silent' };
    const created = await runCli(
      ['create-admin', '--email', 'root@example.com', '--handle', 'root-admin'],
      env,
      `${STRONG_PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/created platform admin @root-admin/);
    expect(created.code).toBe(0);

    const session = (await login(t, 'root@example.com')).data!.login;
    const me = await t.graphql('{ me { handle isPlatformAdmin } }', {}, { token: session.accessToken });
    expect(me.data?.me).toEqual({ handle: 'root-admin', isPlatformAdmin: true });

    const weak = await runCli(
      ['create-admin', '--email', 'weak@example.com', '--handle', 'weak-admin'],
      env,
      'short\n',
    );
    expect(weak.code).not.toBe(0);
    const missing = await runCli(['create-admin', '--email', 'x@example.com'], env, '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--handle/);
  }, 120_000); // three CLI processes, each compiling TypeScript at start

  it('keeps a suspended user reading but not writing or signing in', async () => {
    const user = await registerUser(t);
    const users = t.app.get<Connection>(getConnectionToken()).collection('users');
    await users.updateOne(
      { handle: user.handle },
      { $set: { suspendedUntil: new Date(t.clock.now().getTime() + 86_400_000) } },
    );

    expect((await t.graphql('{ me { handle isSuspended } }', {}, { token: user.accessToken })).data?.me).toEqual({
      handle: user.handle,
      isSuspended: true,
    });
    const write = await t.graphql(
      'mutation { updateProfile(input: { bio: "still here" }) { bio } }',
      {},
      { token: user.accessToken },
    );
    expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_SUSPENDED' });
    const signIn = await login(t, user.handle);
    expect(signIn.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_SUSPENDED' });

    t.clock.advance(2 * 86_400_000);
    expect((await login(t, user.handle)).errors).toBeUndefined();
  });
});
