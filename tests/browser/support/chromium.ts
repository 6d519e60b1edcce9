// What browser tests share: a headless Chromium on a fresh profile (removed on close), signing
// in through the log-in form, an axe-core scan that keeps serious and critical violations, and
// where screenshots go (tests/e2e/screenshots, ignored by git).
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const SCREENSHOTS = join(process.cwd(), 'tests/e2e/screenshots');
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  /** A context closed with the browser. */
  context(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'helpboard-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // playwright-core refuses --user-data-dir with launch(): a fresh profile through the
    // directories Chromium reads from the environment instead.
    env: { ...process.env, XDG_CONFIG_HOME: profile, HOME: profile },
    args: ARGS,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async context(options = {}) {
      const created = await browser.newContext(options);
      contexts.push(created);
      return created;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the log-in form (English labels) and, for Chinese, flips the language switch. */
export async function signInPage(
  context: BrowserContext,
  baseUrl: string,
  handle: string,
  password: string,
  locale: 'en' | 'zh-CN' = 'en',
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/lang?to=en&next=/login`);
  await page.getByLabel('E-mail or handle').fill(handle);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole('button', { name: 'Log in' }).click()]);
  if (locale !== 'en') await page.goto(`${baseUrl}/lang?to=${locale}&next=/`);
  return page;
}

/**
 * Serious and critical axe-core violations of the page as "rule: targets" lines. axe is injected
 * as a script, which the site's CSP rightly refuses: give the context `bypassCSP: true`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
