// Signs up on the site as a person does: the form, then the link from the mail it sends.
import { accountLinkToken } from '../../../../tests/e2e/support/mail.js';
import type { WebClient, WebResponse } from './web-client.js';

export interface SiteSignUp {
  email: string;
  handle: string;
  password: string;
  displayName?: string;
}

/** The sign-up form's answer (the "check your mail" page) and the mailed link's (signed in, 303). */
export async function signUpOnSite(
  b: WebClient,
  dataDir: string,
  account: SiteSignUp,
): Promise<{ sent: WebResponse; completed: WebResponse }> {
  await b.get('/signup');
  const sent = await b.post('/signup', { ...account, next: '/' });
  if (sent.status !== 200) throw new Error(`sign-up form answered ${sent.status}`);
  const token = accountLinkToken(dataDir, account.email, '/complete-signup');
  if (!token) throw new Error(`no sign-up link was mailed to ${account.email}`);
  await b.get(`/complete-signup?token=${token}`);
  return { sent, completed: await b.post('/complete-signup', { token }) };
}
