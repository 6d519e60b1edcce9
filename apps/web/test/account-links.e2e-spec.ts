// The e-mailed account links over HTTP, read from the .eml files the app writes without SMTP:
// sign-up verification, forgot/reset password (every session ends), change of address confirmed
// at the new one. Each link's page answers 200 while it works; expired, reused and forged links
// get 410 and change nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import { createPlatformAdmin, STRONG_PASSWORD, uniqueHandle } from '../../../tests/e2e/support/accounts.js';
import { mailIn, type ReadMail } from '../../../tests/e2e/support/mail.js';
import { clientsOn, type WebClient } from './support/web-client.js';
import { signUpOnSite } from './support/sign-up.js';

const NEW_PASSWORD = 'another long passphrase 42';
let t: TestApp;
const { browser, as } = clientsOn(() => t.baseUrl, '10.7.0');

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: 'http://helpboard.test' });
});
afterAll(() => t.close());

const mailTo = (email: string): ReadMail[] => mailIn(t.config.dataDir).filter((m) => m.headers.to === email);
/** The site path of the one link in a mail, as a reader's click would open it. */
const linkIn = (mail: ReadMail) => /http:\/\/helpboard\.test(\/\S+)/.exec(mail.text)![1];

async function signUp(b: WebClient) {
  const handle = uniqueHandle('acct');
  const email = `${handle}@example.com`;
  const { completed } = await signUpOnSite(b, t.config.dataDir, { email, handle, password: STRONG_PASSWORD });
  expect(completed.status).toBe(303);
  return { handle, email };
}

describe('account links', () => {
  it('creates the account from the sign-up mail once, signed in and verified; the used or forged link answers 410', async () => {
    const b = browser();
    const handle = uniqueHandle('acct');
    const email = `${handle}@example.com`;
    await b.get('/signup');
    expect((await b.post('/signup', { email, handle, password: STRONG_PASSWORD, next: '/' })).status).toBe(200);
    const [mail] = mailTo(email);
    expect(mail.subject).toBe('Finish creating your Helpboard account');
    const path = linkIn(mail);
    expect(path).toMatch(/^\/complete-signup\?token=[\w-]{43}$/);

    // Opening the link (a mail scanner does) changes nothing; the page's button does.
    const page = await b.get(path);
    expect(page.status).toBe(200);
    await b.get('/login');
    expect((await b.post('/login', { identifier: handle, password: STRONG_PASSWORD })).status).toBe(401);
    await b.get(path);
    const token = new URLSearchParams(path.split('?')[1]).get('token')!;
    const done = await b.post('/complete-signup', { token });
    expect(done.status).toBe(303);
    const home = await b.get('/');
    expect(home.body).toContain(`/u/${handle}`);
    expect(home.body).not.toContain('Please confirm your e-mail address');

    expect((await b.get(path)).status).toBe(410);
    expect((await b.post('/complete-signup', { token })).status).toBe(410);
    expect((await b.get(`/complete-signup?token=${'x'.repeat(43)}`)).status).toBe(410);
  });

  it('verifies the address of an account made by the CLI from the resent link, once', async () => {
    const admin = await createPlatformAdmin(t);
    const b = await as(admin, STRONG_PASSWORD);
    expect((await b.get('/')).body).toContain('Please confirm your e-mail address');
    await b.post('/verify-email/resend', { next: '/' });
    const mail = mailTo(admin.email).find((m) => m.subject === 'Confirm your e-mail address for Helpboard')!;
    const path = linkIn(mail);
    expect(path).toMatch(/^\/verify-email\?token=[\w-]{43}$/);

    const page = await b.get(path);
    expect(page.status).toBe(200);
    const token = new URLSearchParams(path.split('?')[1]).get('token')!;
    const done = await b.post('/verify-email', { token });
    expect(done.status).toBe(200);
    expect(done.body).toContain('your e-mail address is confirmed');
    expect(done.body).not.toContain('Please confirm your e-mail address');

    expect((await b.get(path)).status).toBe(410);
    expect((await b.post('/verify-email', { token })).status).toBe(410);
    expect((await b.get(`/verify-email?token=${'x'.repeat(43)}`)).status).toBe(410);
  });

  it('resets a forgotten password from the mailed link, ending every session; answers alike for unknown addresses', async () => {
    const b = browser();
    const { handle, email } = await signUp(b);
    const other = await as({ handle }, STRONG_PASSWORD);

    const asker = browser();
    await asker.get('/forgot-password');
    const known = await asker.post('/forgot-password', { email });
    const unknown = await asker.post('/forgot-password', { email: `nobody-${handle}@example.com` });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)![0];
    expect(main(unknown.body).replace(`nobody-${handle}@example.com`, email)).toBe(main(known.body));
    expect(mailTo(`nobody-${handle}@example.com`)).toHaveLength(0);

    const reset = mailTo(email).find((m) => m.subject === 'Reset your Helpboard password')!;
    const path = linkIn(reset);
    expect((await asker.get(path)).status).toBe(200);
    const token = new URLSearchParams(path.split('?')[1]).get('token')!;
    const weak = await asker.post('/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(422);
    const done = await asker.post('/reset-password', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(200);

    // Both browsers that were signed in are signed out; the old password no longer works.
    expect((await b.get('/')).body).not.toContain(`/u/${handle}`);
    expect((await other.get('/')).body).not.toContain(`/u/${handle}`);
    await asker.get('/login');
    expect((await asker.post('/login', { identifier: handle, password: STRONG_PASSWORD })).status).toBe(401);
    expect((await asker.post('/login', { identifier: handle, password: NEW_PASSWORD })).status).toBe(303);
    // Used once: the link is spent.
    expect((await asker.get(path)).status).toBe(410);
    expect((await asker.post('/reset-password', { token, password: 'yet another passphrase 7' })).status).toBe(410);
  });

  it('spends a reset link once when it is used 20 times in parallel', async () => {
    const b = browser();
    const { email } = await signUp(b);
    await t.graphql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    const path = linkIn(mailTo(email).find((m) => m.subject === 'Reset your Helpboard password')!);
    const token = new URLSearchParams(path.split('?')[1]).get('token')!;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.graphql('mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', {
          t: token,
          p: `${NEW_PASSWORD} ${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.data?.resetPassword === true)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.reason))).toEqual(
      new Set(['ACCOUNT_LINK_INVALID']),
    );
  });

  it('refuses a reset link past its hour', async () => {
    const b = browser();
    const { email } = await signUp(b);
    await b.post('/forgot-password', { email });
    const path = linkIn(mailTo(email).find((m) => m.subject === 'Reset your Helpboard password')!);
    t.clock.advance(61 * 60 * 1000);
    expect((await b.get(path)).status).toBe(410);
    const token = new URLSearchParams(path.split('?')[1]).get('token')!;
    expect((await b.post('/reset-password', { token, password: NEW_PASSWORD })).status).toBe(410);
  });

  it('changes the address only when the link sent to the new one is opened, and tells the old one', async () => {
    const b = browser();
    const { handle, email } = await signUp(b);
    const newEmail = `new-${handle}@example.com`;
    const login = await t.graphql('mutation ($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { emailOrHandle: handle, password: STRONG_PASSWORD },
    });
    const token = login.data!.login.accessToken as string;
    const asked = await t.graphql(
      'mutation ($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }',
      { e: newEmail, p: STRONG_PASSWORD },
      { token },
    );
    expect(asked.data?.requestEmailChange).toBe(true);
    const [confirm] = mailTo(newEmail);
    const path = linkIn(confirm);
    expect(path).toMatch(/^\/confirm-email\?token=/);
    // Not yet: the old address still signs in.
    await b.get('/login');
    expect((await b.post('/login', { identifier: email, password: STRONG_PASSWORD })).status).toBe(303);

    expect((await b.get(path)).status).toBe(200);
    const done = await b.post('/confirm-email', { token: new URLSearchParams(path.split('?')[1]).get('token')! });
    expect(done.status).toBe(200);
    expect(mailTo(email).map((m) => m.subject)).toContain('Your Helpboard e-mail address was changed');
    const fresh = browser();
    await fresh.get('/login');
    expect((await fresh.post('/login', { identifier: newEmail, password: STRONG_PASSWORD })).status).toBe(303);
  });
});
