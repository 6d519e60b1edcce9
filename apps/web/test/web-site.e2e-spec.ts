// The site's skeleton over HTTP: sign-up, log-in and log-out with cookies, CSRF, CSP nonces,
// languages, robots.txt, sitemap.xml and the friendly 404 page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import { registerUser, STRONG_PASSWORD, uniqueHandle } from '../../../tests/e2e/support/accounts.js';
import { WebClient } from './support/web-client.js';
import { signUpOnSite } from './support/sign-up.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let address = 0;
const browser = (headers: Record<string, string> = {}) =>
  new WebClient(t.baseUrl, { 'x-forwarded-for': `10.9.0.${++address}`, ...headers });

describe('the site', () => {
  it('signs up, shows the signed-in name, logs out and in again with HttpOnly SameSite cookies', async () => {
    const b = browser();
    const handle = uniqueHandle('web');
    const { sent, completed } = await signUpOnSite(b, t.config.dataDir, {
      email: `${handle}@example.com`,
      handle,
      displayName: 'Web Person',
      password: STRONG_PASSWORD,
    });
    // The form signs nobody in; the mailed link does.
    expect(sent.body).toContain('Check your mail');
    expect(sent.headers.getSetCookie().join('\n')).not.toContain('hb_at=');
    expect(completed.status).toBe(303);
    const setCookie = completed.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/hb_at=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/hb_rt=[^;]+;.*SameSite=Lax/);

    const home = await b.get('/');
    expect(home.body).toContain('Web Person');
    expect(home.headers.get('cache-control')).toContain('private');

    const logout = await b.post('/logout', {});
    expect(logout.status).toBe(303);
    expect((await b.get('/')).body).not.toContain('Web Person');

    await b.get('/login');
    const wrong = await b.post('/login', { identifier: handle, password: 'not the password', next: '/' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The e-mail/handle or password is wrong.');
    const right = await b.post('/login', { identifier: handle, password: STRONG_PASSWORD, next: '/' });
    expect(right.location).toBe('/');
    expect((await b.get('/')).body).toContain('Web Person');
  });

  it('keeps a browser signed in past the access token lifetime by rotating its refresh token', async () => {
    const b = browser();
    const handle = uniqueHandle('rot');
    await signUpOnSite(b, t.config.dataDir, { email: `${handle}@example.com`, handle, password: STRONG_PASSWORD });
    const before = b.cookie('hb_rt');
    t.clock.advance(20 * 60 * 1000);
    const page = await b.get('/');
    expect(page.body).toContain(`/u/${handle}`);
    expect(b.cookie('hb_rt')).not.toBe(before);
  });

  it('shows field problems next to the sign-up fields, in Chinese for a Chinese browser', async () => {
    const b = browser({ 'accept-language': 'zh-CN,zh;q=0.9' });
    await b.get('/signup');
    const page = await b.post('/signup', { email: 'x@example.com', handle: 'a', password: 'short' });
    expect(page.status).toBe(422);
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('aria-invalid="true"');
    expect(page.body).toContain('请使用 3–30 个字母');
  });

  it('refuses a sign-up whose e-mail is not an address, next to the e-mail field, creating nothing', async () => {
    const b = browser();
    const handle = uniqueHandle('bad');
    await b.get('/signup');
    const page = await b.post('/signup', { email: 'not-an-email', handle, password: STRONG_PASSWORD });
    expect(page.status).toBe(422);
    expect(page.body).toMatch(/<input[^>]*name="email"[^>]*aria-invalid="true"/);
    expect(page.body).toContain('Must be a valid e-mail address.');
    expect(b.cookie('hb_at')).toBeUndefined();
    const retry = await b.post('/signup', { email: `${handle}@example.com`, handle, password: STRONG_PASSWORD });
    expect(retry.status).toBe(200);
    expect(retry.body).toContain('Check your mail');
  });

  it('answers a sign-up with a taken address as it answers a new one, signing nobody in', async () => {
    const owner = await registerUser(t);
    const freshEmail = `${uniqueHandle('new')}@example.com`;
    const signUp = async (email: string) => {
      const b = browser();
      await b.get('/signup');
      const page = await b.post('/signup', { email, handle: uniqueHandle('try'), password: STRONG_PASSWORD });
      return { page, cookie: b.cookie('hb_at') };
    };
    const taken = await signUp(owner.email);
    const fresh = await signUp(freshEmail);
    const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)![0];
    expect(taken.page.status).toBe(fresh.page.status);
    expect(main(taken.page.body).replace(owner.email, freshEmail)).toBe(main(fresh.page.body));
    expect(taken.cookie).toBeUndefined();
    expect(fresh.cookie).toBeUndefined();
  });

  it('refuses a form posted without the CSRF token', async () => {
    const b = browser();
    await b.get('/login');
    const page = await b.post('/login', { _csrf: 'forged', identifier: 'x', password: 'y' });
    expect(page.status).toBe(403);
    expect(page.body).toContain('This form has expired');
  });

  it('sends a strict CSP whose nonce is the one on the page script', async () => {
    const page = await browser().get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`nonce="${nonce}"`);
  });

  it('answers an unchanged anonymous page with 304 to its ETag', async () => {
    const first = await browser().get('/');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const second = await browser().get('/', { 'if-none-match': etag });
    expect(second.status).toBe(304);
  });

  it('switches the language with a plain link', async () => {
    const b = browser();
    const switched = await b.get('/lang?to=zh-CN&next=/login');
    expect(switched.location).toBe('/login');
    expect((await b.get('/login')).body).toContain('电子邮件或用户名');
  });

  it('serves robots.txt, an empty sitemap and a friendly 404 page', async () => {
    const robots = await browser().get('/robots.txt');
    expect(robots.body).toContain('Sitemap: ');
    const sitemap = await browser().get('/sitemap.xml');
    expect(sitemap.body).toContain('<urlset');
    const missing = await browser().get('/no/such/page');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Page not found');
    // Its script carries the nonce its CSP allows (an empty nonce was refused by the browser).
    const nonce = /'nonce-([^']+)'/.exec(missing.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(missing.body).toContain(`<script nonce="${nonce}"`);
  });

  it('tells an API client what is missing at an unknown route, in its language', async () => {
    const missing = await fetch(`${t.baseUrl}/api/no-such-route`, { headers: { accept: 'application/json' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', reason: 'ROUTE_NOT_FOUND', message: 'There is nothing at this address.' },
    });
    const zh = await fetch(`${t.baseUrl}/api/no-such-route`, {
      headers: { accept: 'application/json', 'accept-language': 'zh-CN' },
    });
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe('此地址没有内容。');
  });

  it('has an icon, linked from every page and at /favicon.ico', async () => {
    const page = await browser().get('/');
    const icon = /<link rel="icon" type="image\/svg\+xml" href="(\/assets\/favicon\.[0-9a-f]+\.svg)"/.exec(
      page.body,
    )![1];
    for (const path of [icon, '/favicon.ico']) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toContain('<svg');
    }
  });

  it('ships its stylesheet and script compressed and cacheable for a year', async () => {
    const page = await browser().get('/');
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(page.body)![1];
    const response = await fetch(`${t.baseUrl}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});
