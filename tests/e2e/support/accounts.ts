// Builds accounts through the public API, as a client would.
import type { PlatformRole } from '@helpboard/core';
import { accountLinkToken } from './mail.js';
import type { TestApp } from './test-app.js';

export const STRONG_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  handle: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

const AUTH_FIELDS = 'accessToken refreshToken accessTokenExpiresAt user { id handle displayName }';

let counter = 0;
export function uniqueHandle(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/** A different client address per sign-up (through the trusted loopback proxy), as real users have. */
let nextAddress = 0;
function clientAddress(): string {
  nextAddress += 1;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

/**
 * Signs up as a person does: `register`, then the link from the mail it sends (read from the app's
 * .eml files), whose `completeRegistration` creates the account and signs in.
 */
export async function registerUser(t: TestApp, handle = uniqueHandle()): Promise<TestUser> {
  const email = `${handle}@example.com`;
  const started = await t.graphql(
    'mutation ($input: RegisterInput!) { register(input: $input) }',
    { input: { email, handle, password: STRONG_PASSWORD } },
    { headers: { 'x-forwarded-for': clientAddress() } },
  );
  if (started.data?.register !== true) throw new Error(`register failed: ${JSON.stringify(started.errors)}`);
  const token = accountLinkToken(t.config.dataDir, email, '/complete-signup');
  if (!token) throw new Error(`no sign-up link was mailed to ${email}`);
  const response = await t.graphql(
    `mutation ($token: String!) { completeRegistration(token: $token) { ${AUTH_FIELDS} } }`,
    { token },
  );
  if (!response.data?.completeRegistration) {
    throw new Error(`completeRegistration failed: ${JSON.stringify(response.errors)}`);
  }
  const { accessToken, refreshToken, user } = response.data.completeRegistration;
  return { id: user.id, handle, email, accessToken, refreshToken };
}

export function login(
  t: TestApp,
  emailOrHandle: string,
  password = STRONG_PASSWORD,
  headers: Record<string, string> = {},
) {
  return t.graphql(
    `mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { emailOrHandle, password } },
    { headers },
  );
}

export function refresh(t: TestApp, refreshToken: string) {
  return t.graphql(`mutation ($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_FIELDS} } }`, {
    token: refreshToken,
  });
}

/** A platform admin, created the way `npm run cli -- create-admin` does, then signed in over the API. */
export async function createPlatformAdmin(t: TestApp, handle = uniqueHandle('admin')): Promise<TestUser> {
  const { PlatformRole } = await import('@helpboard/core');
  return createAccountDirectly(t, handle, PlatformRole.Admin);
}

/**
 * A user whose address is not verified: made directly, as the CLI and the demo make accounts
 * (a sign-up is verified by the link that creates it), then signed in over the API.
 */
export async function createUnverifiedUser(t: TestApp, handle = uniqueHandle('unverified')): Promise<TestUser> {
  const { PlatformRole } = await import('@helpboard/core');
  return createAccountDirectly(t, handle, PlatformRole.User);
}

async function createAccountDirectly(t: TestApp, handle: string, platformRole: PlatformRole): Promise<TestUser> {
  const { AuthService } = await import('@helpboard/identity');
  const email = `${handle}@example.com`;
  await t.app.get(AuthService).createAccount({ email, handle, password: STRONG_PASSWORD, platformRole });
  const response = await login(t, handle);
  const { accessToken, refreshToken, user } = response.data!.login;
  return { id: user.id, handle, email, accessToken, refreshToken };
}
