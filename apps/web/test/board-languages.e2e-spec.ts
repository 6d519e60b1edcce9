// A board's content languages: set by its operator's admins on the settings page (validated
// against the supported BCP 47 tags, the problem beside the field) or the API, shown on the
// operator's board list, and used as the `lang` of what people write there.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator } from '../../../tests/e2e/support/boards.js';
import { ask } from '../../../tests/e2e/support/threads.js';
import { clientsOn, type WebClient } from './support/web-client.js';

let t: TestApp;
const { as, browser } = clientsOn(() => t.baseUrl, '10.64.0');
let owner: TestUser;
let member: TestUser;
let operatorSlug: string;
let boardSlug: string;

const LANGUAGES = 'query ($b: String!) { board(slug: $b) { settings { content { languages } } } }';
/** The settings form as the page filled it in, with `changes` typed over it. */
async function saveSettings(site: WebClient, slug: string, changes: Record<string, string>) {
  const page = await site.get(`/o/${operatorSlug}/admin/b/${slug}`);
  const form = Object.fromEntries(
    [
      ...page.body.matchAll(
        /name="((?:privileges|moderation|escalation|reputation|content)\.[a-zA-Z]+)"[^>]*value="([^"]*)"/g,
      ),
    ].map((m) => [m[1], m[2]]),
  );
  return site.post(`/o/${operatorSlug}/admin/b/${slug}/settings`, { ...form, ...changes });
}
const languagesOf = async (slug: string) =>
  (await t.graphql(LANGUAGES, { b: slug })).data!.board.settings.content.languages as string[];

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [owner, member] = await Promise.all([registerUser(t), registerUser(t)]);
  operatorSlug = (await createOperator(t, admin, [owner.handle])).slug;
  boardSlug = (await createBoard(t, owner, operatorSlug)).slug;
});
afterAll(() => t.close());

describe('board languages', () => {
  it('are English by default and set on the settings page, refused beside the field when unsupported', async () => {
    expect(await languagesOf(boardSlug)).toEqual(['en']);
    const site = await as(owner, STRONG_PASSWORD);
    const page = await site.get(`/o/${operatorSlug}/admin/b/${boardSlug}`);
    expect(page.body).toMatch(/id="s-content-languages"[^>]*value="en"/);

    const invalid = await saveSettings(site, boardSlug, { 'content.languages': 'en, klingon' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatch(/id="s-content-languages-error">[^<]+</);
    expect(invalid.body).toMatch(/id="s-content-languages"[^>]*value="en, klingon"/);
    expect(await languagesOf(boardSlug)).toEqual(['en']);

    const saved = await saveSettings(site, boardSlug, { 'content.languages': 'zh-tw, EN' });
    expect(saved.status).toBe(303);
    expect(await languagesOf(boardSlug)).toEqual(['zh-TW', 'en']);
  });

  it('are validated on the API too, and only the operator’s admins change them', async () => {
    const update =
      'mutation ($b: String!, $l: [String!]) { updateBoard(slug: $b, input: { settings: { content: { languages: $l } } }) { slug } }';
    const other = (await createBoard(t, owner, operatorSlug)).slug;
    for (const languages of [[], ['en', 'en'], ['EN'], ['en', 'de', 'fr', 'es', 'it', 'ja']]) {
      const refused = await t.graphql(update, { b: other, l: languages }, { token: owner.accessToken });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'settings.content.languages', message: expect.any(String) }],
      });
    }
    const forbidden = await t.graphql(update, { b: other, l: ['de'] }, { token: member.accessToken });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await t.graphql(update, { b: other, l: ['de', 'en'] }, { token: owner.accessToken })).errors,
    ).toBeUndefined();
    expect(await languagesOf(other)).toEqual(['de', 'en']);
  });

  it('give posts their lang and are listed with the operator’s boards', async () => {
    const site = await as(owner, STRONG_PASSWORD);
    expect((await saveSettings(site, boardSlug, { 'content.languages': 'zh-TW, en' })).status).toBe(303);
    const question = await ask(t, member, boardSlug, {
      title: '漫遊費用怎麼計算？出國前需要先開通嗎？',
      body: '我下個月要去日本，想知道漫遊費用怎麼計算，需要先在 App 裡開通嗎？',
    });
    const reader = browser();
    const threadPage = await reader.get((await reader.get(`/t/${question.id}`)).location!);
    expect(threadPage.body).toMatch(/<h1 lang="zh-TW">/);
    const boardPage = await reader.get(`/b/${boardSlug}`);
    expect(boardPage.body).toContain('lang="zh-TW">漫遊費用');
    const operatorPage = await reader.get(`/o/${operatorSlug}`);
    expect(operatorPage.body).toContain('in Chinese (Taiwan), English');
  });
});
