// Board and operator pages, and asking with "you may be asking" suggestions, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator } from '../../../tests/e2e/support/boards.js';
import { answer, ask } from '../../../tests/e2e/support/threads.js';
import { signIn, WebClient } from './support/web-client.js';

let t: TestApp;
let asker: TestUser;
let operatorSlug: string;
let boardSlug: string;
let address = 0;
const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `10.7.0.${++address}` });

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  asker = await registerUser(t);
  operatorSlug = (await createOperator(t, admin, [admin.handle])).slug;
  boardSlug = (await createBoard(t, admin, operatorSlug, { tags: ['billing', 'roaming'] })).slug;
});
afterAll(() => t.close());

describe('boards and asking', () => {
  it('lists threads by sort and tag, pinned first, with "more" paging', async () => {
    for (let i = 0; i < 31; i++)
      await ask(t, asker, boardSlug, {
        title: `Question number ${i} about roaming`,
        tags: i % 2 ? ['roaming'] : ['billing'],
      });
    const first = await browser().get(`/b/${boardSlug}?sort=newest`);
    expect(first.body).toContain('Question number 30 about roaming');
    const more = /href="([^"]*after=[^"]+)"/.exec(first.body)![1].replace(/&amp;/g, '&');
    const second = await browser().get(more);
    expect(second.body).toContain('Question number 0 about roaming');
    const tagged = await browser().get(`/b/${boardSlug}?tag=billing`);
    expect(tagged.body).not.toContain('Question number 1 about roaming');
    const home = await browser().get(`/o/${operatorSlug}`);
    expect(home.body).toContain(`/b/${boardSlug}`);
    expect(home.body).toContain('New questions');
    expect(home.body).toContain('Question number 30 about roaming');
  });

  it('suggests similar questions while asking, counts the opened one, and posts the question', async () => {
    const solved = await ask(t, asker, boardSlug, { title: 'Voicemail greeting keeps resetting', tags: ['billing'] });
    await answer(t, asker, solved.id, 'Record it again from the dialer menu.');
    const b = browser();
    const customer = await registerUser(t);
    await signIn(b, customer.handle, STRONG_PASSWORD);
    const form = await b.get(`/b/${boardSlug}/ask`);
    expect(form.body).toContain('<datalist id="board-tags"><option value="billing">');
    let fragment = '';
    for (let attempt = 0; attempt < 50 && !fragment.includes(solved.id); attempt++) {
      fragment = (
        await b.get(`/b/${boardSlug}/ask/suggest?x=1&title=${encodeURIComponent('voicemail greeting resetting')}`)
      ).body;
      if (!fragment.includes(solved.id)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fragment).toContain('You may be asking');
    const link = /href="([^"]+)"/.exec(fragment)![1].replace(/&amp;/g, '&');
    const opened = await b.get(link);
    expect(opened.location).toBe(`/t/${solved.id}`);

    const preview = await b.post(`/b/${boardSlug}/ask`, {
      title: 'x',
      body: '**bold** <script>x</script>',
      action: 'preview',
    });
    expect(preview.body).toContain('<strong>bold</strong>');
    expect(preview.body).not.toContain('<script>x</script>');
    const posted = await b.post(`/b/${boardSlug}/ask`, {
      title: 'My voicemail greeting vanished',
      body: 'After the update my greeting is gone. How do I get it back?',
      tags: 'billing',
      action: 'ask',
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/t\/[0-9a-f]{24}\/my-voicemail-greeting-vanished$/);
  });
});
