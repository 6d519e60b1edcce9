// Brute-force throttles reserve an attempt before they verify a password, so parallel guesses
// cannot all be checked before the first failure is counted (issue #21).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PasswordHasher } from '@helpboard/identity';
import { startTestApp, type TestApp } from './support/test-app.js';
import { login, registerUser, STRONG_PASSWORD, uniqueHandle } from './support/accounts.js';

const FREE_ATTEMPTS_PER_ACCOUNT = 5;
const FREE_ATTEMPTS_PER_ADDRESS = 30;

function reasons(responses: { errors?: { extensions?: Record<string, any> }[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const reason = response.errors?.[0].extensions?.reason ?? 'SIGNED_IN';
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

describe('throttles reserve before they verify', () => {
  let t: TestApp;
  let verifications: ReturnType<typeof jest.spyOn>;
  beforeAll(async () => {
    t = await startTestApp();
    // Counts the password checks the real hasher performs; it still does every one of them.
    verifications = jest.spyOn(t.app.get(PasswordHasher), 'verify');
  });
  afterAll(async () => {
    verifications.mockRestore();
    await t.close();
  });

  it('checks only the free attempts of 60 parallel logins on one account; the right password then gets no token', async () => {
    const user = await registerUser(t);
    const address = { 'x-forwarded-for': '10.210.0.1' };
    verifications.mockClear();
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(t, user.handle, `wrong password number ${i}`, address)),
    );
    expect(reasons(guesses)).toEqual({ INVALID_CREDENTIALS: FREE_ATTEMPTS_PER_ACCOUNT, LOGIN_THROTTLED: 55 });
    expect(verifications).toHaveBeenCalledTimes(FREE_ATTEMPTS_PER_ACCOUNT);

    const right = await login(t, user.handle, STRONG_PASSWORD, { 'x-forwarded-for': '10.210.0.2' });
    expect(right.data?.login).toBeFalsy();
    expect(right.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_THROTTLED' });
  });

  it('checks only the free attempts of 60 parallel logins from one address across accounts', async () => {
    const address = { 'x-forwarded-for': '10.210.0.3' };
    verifications.mockClear();
    const guesses = await Promise.all(
      Array.from({ length: 60 }, () => login(t, `${uniqueHandle()}@example.com`, 'some guessed password', address)),
    );
    expect(reasons(guesses)).toEqual({ INVALID_CREDENTIALS: FREE_ATTEMPTS_PER_ADDRESS, LOGIN_THROTTLED: 30 });
    expect(verifications).toHaveBeenCalledTimes(FREE_ATTEMPTS_PER_ADDRESS);
  });

  it('gives an address its attempt back when the password was right, so busy offices can sign in', async () => {
    const address = { 'x-forwarded-for': '10.210.0.4' };
    const users = await Promise.all(Array.from({ length: 4 }, () => registerUser(t)));
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(users.map((user) => login(t, user.handle, STRONG_PASSWORD, address)));
      expect(results.every((result) => result.data?.login.accessToken)).toBe(true);
    }
  });

  it('throttles guesses of the current password by a holder of an access token', async () => {
    const user = await registerUser(t);
    verifications.mockClear();
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.graphql(
          'mutation ($i: ChangePasswordInput!) { changePassword(input: $i) }',
          { i: { currentPassword: `guess number ${i}`, newPassword: 'another long passphrase' } },
          { token: user.accessToken },
        ),
      ),
    );
    expect(reasons(guesses)).toEqual({ WRONG_PASSWORD: FREE_ATTEMPTS_PER_ACCOUNT, LOGIN_THROTTLED: 15 });
    expect(verifications).toHaveBeenCalledTimes(FREE_ATTEMPTS_PER_ACCOUNT);
  });

  it('throttles guesses of the password through an e-mail change as well, from the same allowance', async () => {
    const user = await registerUser(t);
    verifications.mockClear();
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.graphql(
          'mutation ($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }',
          { e: `new-${user.handle}@example.com`, p: `guess number ${i}` },
          { token: user.accessToken },
        ),
      ),
    );
    expect(reasons(guesses)).toEqual({ WRONG_PASSWORD: FREE_ATTEMPTS_PER_ACCOUNT, LOGIN_THROTTLED: 15 });
    expect(verifications).toHaveBeenCalledTimes(FREE_ATTEMPTS_PER_ACCOUNT);
    // The allowance is spent for changing the password too: one budget per account.
    const change = await t.graphql(
      'mutation ($i: ChangePasswordInput!) { changePassword(input: $i) }',
      { i: { currentPassword: STRONG_PASSWORD, newPassword: 'another long passphrase' } },
      { token: user.accessToken },
    );
    expect(change.errors?.[0].extensions?.reason).toBe('LOGIN_THROTTLED');
  });
});
