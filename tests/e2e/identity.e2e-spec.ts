import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';
import { login, refresh, registerUser, STRONG_PASSWORD, uniqueHandle } from './support/accounts.js';
import { accountLinkToken, mailIn } from './support/mail.js';

const ME = '{ me { id handle email } }';
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) }';
const COMPLETE = 'mutation ($token: String!) { completeRegistration(token: $token) { accessToken user { handle } } }';
const OTHER_PASSWORD = 'a different long passphrase 42';

describe('identity: accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs up, logs in, refreshes with rotation, detects reuse and revokes the whole session', async () => {
    const handle = uniqueHandle('story');
    const registered = await registerUser(t, handle);
    expect((await t.graphql(ME, {}, { token: registered.accessToken })).data?.me).toMatchObject({
      handle,
      email: `${handle}@example.com`,
    });

    const loggedIn = await login(t, `${handle.toUpperCase()}@Example.com`);
    expect(loggedIn.errors).toBeUndefined();
    const first = loggedIn.data!.login;

    const rotated = await refresh(t, first.refreshToken);
    expect(rotated.errors).toBeUndefined();
    const second = rotated.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await t.graphql(ME, {}, { token: second.accessToken })).data?.me.handle).toBe(handle);

    // The first refresh token is presented again: it was stolen. The session ends for everyone.
    const reused = await refresh(t, first.refreshToken);
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
    const afterReuse = await refresh(t, second.refreshToken);
    expect(afterReuse.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' });
    const meAfter = await t.graphql(ME, {}, { token: second.accessToken });
    expect(meAfter.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' });

    // The registration session was a different one and still works.
    expect((await t.graphql(ME, {}, { token: registered.accessToken })).data?.me.handle).toBe(handle);
  });

  it('answers a sign-up alike whether or not the address has an account, and tells the owner by mail', async () => {
    const owner = await registerUser(t);
    const freshEmail = `${uniqueHandle()}@example.com`;
    const attempt = (email: string, address: string) =>
      t.graphql(
        REGISTER,
        { i: { email, handle: uniqueHandle(), password: OTHER_PASSWORD } },
        { headers: { 'x-forwarded-for': address } },
      );
    const taken = await attempt(owner.email.toUpperCase(), '10.21.0.1');
    const fresh = await attempt(freshEmail, '10.21.0.2');
    expect(taken.status).toBe(fresh.status);
    expect({ data: taken.data, errors: taken.errors }).toEqual({ data: fresh.data, errors: fresh.errors });
    expect(taken.data).toEqual({ register: true });

    // The owner is told, with the way to a new password; the new address gets the link instead.
    const notes = mailIn(t.config.dataDir).filter((mail) => mail.headers.to === owner.email);
    // (the first is the owner's own sign-up link)
    expect(notes.map((mail) => mail.subject)).toEqual([
      'Finish creating your Helpboard account',
      'You already have a Helpboard account',
    ]);
    notes.shift();
    expect(notes[0].text).toContain(`@${owner.handle}`);
    expect(notes[0].text).toContain('/forgot-password');
    expect(accountLinkToken(t.config.dataDir, freshEmail, '/complete-signup')).toMatch(/^[\w-]{43}$/);

    // Neither sign-up made an account that signs in: the answers to a login cannot tell them apart either.
    const intoTaken = await login(t, owner.email, OTHER_PASSWORD, { 'x-forwarded-for': '10.21.0.3' });
    const intoFresh = await login(t, freshEmail, OTHER_PASSWORD, { 'x-forwarded-for': '10.21.0.3' });
    expect(intoTaken.errors?.[0]).toEqual(intoFresh.errors?.[0]);
    expect(intoTaken.errors?.[0].extensions?.reason).toBe('INVALID_CREDENTIALS');
    expect((await login(t, owner.email)).data?.login.user.handle).toBe(owner.handle);
  });

  it('rejects a taken handle with CONFLICT at once (handles are public)', async () => {
    const user = await registerUser(t);
    const sameHandle = await t.graphql(REGISTER, {
      i: { email: `${uniqueHandle()}@example.com`, handle: user.handle.toUpperCase(), password: STRONG_PASSWORD },
    });
    expect(sameHandle.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'HANDLE_TAKEN' });
  });

  it('creates the account once when its link is opened 20 times in parallel; the link then stops working', async () => {
    const handle = uniqueHandle('pending');
    const email = `${handle}@example.com`;
    await t.graphql(REGISTER, { i: { email, handle, password: STRONG_PASSWORD } });
    const token = accountLinkToken(t.config.dataDir, email, '/complete-signup')!;
    const results = await Promise.all(Array.from({ length: 20 }, () => t.graphql(COMPLETE, { token })));
    const created = results.filter((r) => r.data?.completeRegistration);
    expect(created).toHaveLength(1);
    expect(new Set(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.reason))).toEqual(
      new Set(['ACCOUNT_LINK_INVALID']),
    );
    const me = await t.graphql(ME, {}, { token: created[0].data!.completeRegistration.accessToken });
    expect(me.data?.me).toMatchObject({ handle, email });
    expect((await t.graphql(COMPLETE, { token })).errors?.[0].extensions?.reason).toBe('ACCOUNT_LINK_INVALID');
  });

  it('gives a handle to the first sign-up link opened; a later one for the same handle is HANDLE_TAKEN', async () => {
    const handle = uniqueHandle('race');
    const [first, second] = [`a-${handle}@example.com`, `b-${handle}@example.com`];
    await t.graphql(REGISTER, { i: { email: first, handle, password: STRONG_PASSWORD } });
    await t.graphql(REGISTER, { i: { email: second, handle, password: STRONG_PASSWORD } });
    const open = (email: string) =>
      t.graphql(COMPLETE, { token: accountLinkToken(t.config.dataDir, email, '/complete-signup') });
    expect((await open(second)).data?.completeRegistration.user.handle).toBe(handle);
    expect((await open(first)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'HANDLE_TAKEN' });
  });

  it('refuses a sign-up link after 24 hours', async () => {
    const handle = uniqueHandle('late');
    const email = `${handle}@example.com`;
    await t.graphql(REGISTER, { i: { email, handle, password: STRONG_PASSWORD } });
    const token = accountLinkToken(t.config.dataDir, email, '/complete-signup');
    t.clock.advance(24 * 3600 * 1000 + 1000);
    expect((await t.graphql(COMPLETE, { token })).errors?.[0].extensions?.reason).toBe('ACCOUNT_LINK_INVALID');
  });

  it.each([
    ['short', 'PASSWORD_TOO_SHORT'],
    ['password123', 'PASSWORD_TOO_COMMON'],
  ])('rejects the weak password %s naming the password field', async (password) => {
    const response = await t.graphql('mutation ($i: RegisterInput!) { register(input: $i) }', {
      i: { email: `${uniqueHandle()}@example.com`, handle: uniqueHandle(), password },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual([{ field: 'password', message: expect.any(String) }]);
  });

  it('rejects invalid and reserved handles and malformed e-mails, naming each field', async () => {
    const response = await t.graphql('mutation ($i: RegisterInput!) { register(input: $i) }', {
      i: { email: 'not-an-email', handle: 'a b', password: STRONG_PASSWORD },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields.map((f: { field: string }) => f.field)).toEqual(['email']);
    const reserved = await t.graphql('mutation ($i: RegisterInput!) { register(input: $i) }', {
      i: { email: `${uniqueHandle()}@example.com`, handle: 'Admin', password: STRONG_PASSWORD },
    });
    expect(reserved.errors?.[0].extensions?.fields).toEqual([{ field: 'handle', message: 'This handle is reserved.' }]);
  });

  it('answers a wrong password exactly as it answers an unknown account', async () => {
    const user = await registerUser(t);
    const wrong = await login(t, user.handle, 'not the right password', { 'x-forwarded-for': '10.0.0.1' });
    const unknown = await login(t, `${uniqueHandle()}@example.com`, 'not the right password');
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
  });

  it('throttles repeated failures on an account with a growing wait, then lets the owner in', async () => {
    const user = await registerUser(t);
    for (let attempt = 0; attempt < 5; attempt++) await login(t, user.handle, 'wrong password!!');
    const blocked = await login(t, user.handle, STRONG_PASSWORD);
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_THROTTLED' });
    const firstWait = blocked.errors?.[0].extensions?.retryAfterSeconds;
    expect(firstWait).toBeGreaterThan(0);

    t.clock.advance(firstWait * 1000);
    await login(t, user.handle, 'wrong password!!');
    const longer = await login(t, user.handle, STRONG_PASSWORD);
    expect(longer.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(firstWait);

    t.clock.advance(60 * 60_000);
    expect((await login(t, user.handle, STRONG_PASSWORD)).errors).toBeUndefined();
  });

  it('expires access tokens after 15 minutes; a refresh gives a working one', async () => {
    const user = await registerUser(t);
    t.clock.advance(16 * 60_000);
    const expired = await t.graphql(ME, {}, { token: user.accessToken });
    expect(expired.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    const renewed = await refresh(t, user.refreshToken);
    expect((await t.graphql(ME, {}, { token: renewed.data!.refreshSession.accessToken })).data?.me.id).toBe(user.id);
  });

  it('rejects a forged or malformed token', async () => {
    const user = await registerUser(t);
    const [header, payload] = user.accessToken.split('.');
    const forged = await t.graphql(ME, {}, { token: `${header}.${payload}.invalidsignature` });
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.graphql(ME, {}, { token: 'garbage' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('requires sign-in for me', async () => {
    const response = await t.graphql(ME);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on logout: its access and refresh tokens stop working', async () => {
    const user = await registerUser(t);
    expect((await t.graphql('mutation { logout }', {}, { token: user.accessToken })).data?.logout).toBe(true);
    expect((await t.graphql(ME, {}, { token: user.accessToken })).errors?.[0].extensions?.reason).toBe(
      'SESSION_REVOKED',
    );
    expect((await refresh(t, user.refreshToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('changing the password signs out other sessions and keeps this one', async () => {
    const user = await registerUser(t);
    const other = (await login(t, user.handle)).data!.login;
    const change = await t.graphql(
      'mutation ($i: ChangePasswordInput!) { changePassword(input: $i) }',
      { i: { currentPassword: STRONG_PASSWORD, newPassword: 'another long passphrase' } },
      { token: user.accessToken },
    );
    expect(change.data?.changePassword).toBe(true);
    expect((await t.graphql(ME, {}, { token: other.accessToken })).errors?.[0].extensions?.reason).toBe(
      'SESSION_REVOKED',
    );
    expect((await t.graphql(ME, {}, { token: user.accessToken })).data?.me.id).toBe(user.id);
    expect((await login(t, user.handle, STRONG_PASSWORD)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login(t, user.handle, 'another long passphrase')).errors).toBeUndefined();
  });

  it('updates the profile, validating the avatar URL as https', async () => {
    const user = await registerUser(t);
    const bad = await t.graphql(
      'mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }',
      { i: { avatarUrl: 'http://example.com/a.png' } },
      { token: user.accessToken },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.fields[0].field).toBe('avatarUrl');
    const good = await t.graphql(
      'mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName locale region avatarUrl } }',
      { i: { displayName: '小王', locale: 'ZH_CN', region: '上海', avatarUrl: 'https://example.com/a.png' } },
      { token: user.accessToken },
    );
    expect(good.data?.updateProfile).toEqual({
      displayName: '小王',
      locale: 'ZH_CN',
      region: '上海',
      avatarUrl: 'https://example.com/a.png',
    });
  });

  it('shows a user their own e-mail but hides it from others', async () => {
    const alice = await registerUser(t);
    const bob = await registerUser(t);
    const query = 'query ($h: String!) { user(handle: $h) { handle email } }';
    expect((await t.graphql(query, { h: alice.handle }, { token: alice.accessToken })).data?.user.email).toBe(
      alice.email,
    );
    expect((await t.graphql(query, { h: alice.handle }, { token: bob.accessToken })).data?.user.email).toBeNull();
    expect((await t.graphql(query, { h: alice.handle })).data?.user.email).toBeNull();
  });

  it('limits sign-ups per client address', async () => {
    const register = (i: number) =>
      t.graphql(
        'mutation ($i: RegisterInput!) { register(input: $i) }',
        { i: { email: `flood${i}@example.com`, handle: `flood${i}x`, password: STRONG_PASSWORD } },
        { headers: { 'x-forwarded-for': '203.0.113.9' } },
      );
    for (let i = 0; i < 20; i++) expect((await register(i)).errors).toBeUndefined();
    const blocked = await register(20);
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'REGISTRATION_THROTTLED' });
    expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('answers in Simplified Chinese when the client asks for it', async () => {
    const response = await t.graphql(ME, {}, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(response.errors?.[0].message).toBe('请先登录。');
  });

  it('authenticates WebSocket operations with the token in the connection params', async () => {
    const user = await registerUser(t);
    const signedIn = await executeOverWebSocket(t.websocket({ authorization: `Bearer ${user.accessToken}` }), ME);
    expect(signedIn.data?.me.id).toBe(user.id);
    const anonymous = await executeOverWebSocket(t.websocket(), ME);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
