// Profiles, leaderboards and search pages over HTTP.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import { createPlatformAdmin, registerUser, type TestUser } from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask, vote } from '../../../tests/e2e/support/threads.js';
import { WebClient } from './support/web-client.js';

let t: TestApp;
let asker: TestUser;
let helper: TestUser;
let staff: TestUser;
let boardSlug: string;
let threadId: string;
const browser = () => new WebClient(t.baseUrl);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  [asker, helper, staff] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
  await setBoardRole(t, admin, boardSlug, staff.handle, 'STAFF');
  threadId = (await ask(t, asker, boardSlug, { title: 'Voicemail greeting keeps resetting', tags: ['voicemail'] })).id;
  const peerAnswer = await answer(t, helper, threadId, 'Record it again from the dialer.');
  const staffAnswer = await answer(t, staff, threadId, 'We fixed this in the last update.');
  await vote(t, asker, peerAnswer.id, 'UP');
  await vote(t, asker, staffAnswer.id, 'UP');
});
afterAll(() => t.close());

describe('people and search pages', () => {
  it("shows a user's reputation per board with a chart, and their top answers", async () => {
    const page = await browser().get(`/u/${helper.handle}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<svg class="chart"');
    expect(page.body).toContain('Voicemail greeting keeps resetting');
    expect(page.body).toMatch(/<strong>11<\/strong>/); // 1 + the 10 earned on the board
  });

  it('ranks staff and community members apart on the leaderboard', async () => {
    const page = await browser().get(`/b/${boardSlug}/leaderboard`);
    const [peers, staffPart] = page.body.split('id="staff"');
    expect(peers).toContain(`/u/${helper.handle}`);
    expect(peers).not.toContain(`/u/${staff.handle}`);
    expect(staffPart).toContain(`/u/${staff.handle}`);
  });

  it('finds threads with highlighted titles and facets by board and tag', async () => {
    let page = await browser().get('/search?q=voicemail');
    for (let attempt = 0; attempt < 50 && !page.body.includes(threadId); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      page = await browser().get('/search?q=voicemail');
    }
    expect(page.body).toContain('<mark>Voicemail</mark>');
    expect(page.body).toContain(`/search?q=voicemail&amp;board=${boardSlug}`);
    expect(page.body).toContain('/search?q=voicemail&amp;tag=voicemail');
  });

  // Last in the file: it moves the clock a year on.
  it('ranks by reputation gained this week, month or year, or ever', async () => {
    const week = await browser().get(`/b/${boardSlug}/leaderboard?period=week`);
    expect(week.body).toContain(`/u/${helper.handle}`);
    expect(week.body).toMatch(/href="[^"]*period=week" aria-current="page"/);
    t.clock.advance(400 * 86_400_000);
    for (const period of ['week', 'month', 'year']) {
      const page = await browser().get(`/b/${boardSlug}/leaderboard?period=${period}`);
      expect(page.body).not.toContain(`/u/${helper.handle}`);
      expect(page.body).not.toContain(`/u/${staff.handle}`);
    }
    const ever = await browser().get(`/b/${boardSlug}/leaderboard?period=all`);
    const [peers, staffPart] = ever.body.split('id="staff"');
    expect(peers).toContain(`/u/${helper.handle}`);
    expect(staffPart).toContain(`/u/${staff.handle}`);
    const zh = await new WebClient(t.baseUrl, { 'accept-language': 'zh-CN' }).get(`/b/${boardSlug}/leaderboard`);
    expect(zh.body).toContain('本周');
  });
});
