// The staff desk over HTTP (referrals, review queue, moderation log and actions, insights, alerts,
// escalations): each role sees its page, everyone else the forbidden page (never
// the data), and the actions work from plain forms with CSRF tokens.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerUser, STRONG_PASSWORD } from '../../../tests/e2e/support/accounts.js';
import { Types } from 'mongoose';
import { BoardService } from '@helpboard/boards';
import { AlertKind, AlertService } from '@helpboard/insights';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import { signIn, WebClient } from './support/web-client.js';
import { signedConversion, type StaffStory, staffStory } from './support/staff-story.js';

let t: TestApp;
let story: StaffStory;
let address = 0;
const browser = () => new WebClient(t.baseUrl, { 'x-forwarded-for': `10.9.0.${++address}` });
const as = async (handle: string, language = 'en') => {
  const client = new WebClient(t.baseUrl, { 'x-forwarded-for': `10.9.1.${++address}`, 'accept-language': language });
  await signIn(client, handle, STRONG_PASSWORD);
  // The language switch: a signed-in user's own setting otherwise wins over the browser's.
  if (language !== 'en') await client.get(`/lang?to=${language}&next=/`);
  return client;
};
const follow = async (client: WebClient, response: { location: string | null }) => client.get(response.location!);

beforeAll(async () => {
  t = await startTestApp();
  story = await staffStory(t);
}, 60_000);
afterAll(() => t.close());

describe('staff pages', () => {
  it('shows members the forbidden page on every staff page, without the data, and sends visitors to log in', async () => {
    const member = await as(story.member.handle);
    const pages = [
      `/b/${story.boardSlug}/review`,
      `/b/${story.boardSlug}/review?kind=FIRST_POSTS`,
      `/b/${story.boardSlug}/moderation`,
      `/b/${story.boardSlug}/insights`,
      `/b/${story.boardSlug}/escalations`,
      `/b/${story.boardSlug}/alerts`,
      `/mod/t/${story.question.id}`,
    ];
    for (const path of pages) {
      const page = await member.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 403 });
      expect(page.body).toContain('Not allowed');
      expect(page.body).not.toContain(story.spam.text);
      expect(page.body).not.toContain(story.escalated.title);
    }
    const anonymous = await browser().get(`/b/${story.boardSlug}/review`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(`/login?next=${encodeURIComponent(`/b/${story.boardSlug}/review`)}`);
    expect((await browser().get('/me/referrals')).status).toBe(303);

    expect((await member.get('/me/staff')).body).toContain('You hold no staff, moderator or owner role on a board.');
    // A moderator does not act as staff.
    const moderator = await as(story.moderator.handle);
    const hub = await moderator.get('/me/staff');
    expect(hub.body).toContain(`href="/b/${story.boardSlug}/review"`);
    expect(hub.body).not.toContain(`href="/b/${story.boardSlug}/escalations"`);
    expect((await moderator.get(`/b/${story.boardSlug}/escalations`)).status).toBe(403);
    const hide = await member.post(`/mod/p/${story.spam.id}/hide`, {
      reason: 'not mine to hide',
      t: story.question.id,
    });
    expect(hide.status).toBe(403);
  });

  it('lets a moderator claim the flagged spam answer and hide it from the queue, logged with the reason', async () => {
    const moderator = await as(story.moderator.handle);
    const queue = await moderator.get(`/b/${story.boardSlug}/review`);
    expect(queue.status).toBe(200);
    expect(queue.body).toContain(story.spam.text);
    expect(queue.body).toContain('Spam');
    const itemId = /action="\/review\/([0-9a-f]{24})\/claim"/.exec(queue.body)![1];
    const flagId = /action="\/flags\/([0-9a-f]{24})\/resolve"/.exec(queue.body)![1];

    const noToken = await fetch(`${t.baseUrl}/review/${itemId}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hb_at=${moderator.cookie('hb_at')}` },
      body: 'back=/',
      redirect: 'manual',
    });
    expect(noToken.status).toBe(403);

    const claimed = await moderator.post(`/review/${itemId}/claim`, { back: `/b/${story.boardSlug}/review` });
    expect(claimed.status).toBe(303);
    expect((await follow(moderator, claimed)).body).toContain('Claimed by you');

    const short = await moderator.post(`/flags/${flagId}/resolve`, {
      outcome: 'HIDE',
      reason: 'x',
      back: `/b/${story.boardSlug}/review`,
    });
    expect((await follow(moderator, short)).body).toMatch(/between 3 and 500|3.{0,10}500/);

    const hidden = await moderator.post(`/flags/${flagId}/resolve`, {
      outcome: 'HIDE',
      reason: 'Spam for followers',
      back: `/b/${story.boardSlug}/review`,
    });
    const after = await follow(moderator, hidden);
    expect(after.body).toContain('The post is hidden.');
    expect(after.body).not.toContain(story.spam.text);

    const thread = await browser().get(`/t/${story.question.id}`);
    expect(thread.body).not.toContain(story.spam.text);
    const log = await moderator.get(`/b/${story.boardSlug}/moderation`);
    expect(log.body).toContain('Spam for followers');
    expect(log.body).toContain('Hidden');

    // The thread's moderation page still shows it, to restore it.
    const mod = await moderator.get(`/mod/t/${story.question.id}`);
    expect(mod.body).toContain(story.spam.text);
    expect(mod.body).toContain('Restore');
  });

  it('closes and reopens a question and warns a user, in Chinese too', async () => {
    const moderator = await as(story.moderator.handle, 'zh-CN');
    await moderator.get(`/mod/t/${story.question.id}`);
    const closed = await moderator.post(`/mod/t/${story.question.id}/close`, {
      closeReason: 'OFF_TOPIC',
      reason: 'Ask the partner directly',
    });
    expect((await follow(moderator, closed)).body).toContain('该问题已关闭。');
    const reopened = await moderator.post(`/mod/t/${story.question.id}/reopen`, { reason: 'On topic after all' });
    expect((await follow(moderator, reopened)).body).toContain('该问题已重新开放。');
    await moderator.get(`/b/${story.boardSlug}/moderation`);
    const warned = await moderator.post(`/b/${story.boardSlug}/moderation/warn`, {
      handle: story.member.handle,
      reason: 'Please stay on topic',
    });
    const log = await follow(moderator, warned);
    expect(log.body).toContain('警告已发送。');
    expect(log.body).toContain('Please stay on topic');
    // Board moderators cannot suspend on the operator's boards (operator admins do).
    const suspend = await moderator.post(`/b/${story.boardSlug}/moderation/suspend`, {
      handle: story.member.handle,
      duration: '7',
      scope: 'operator',
      reason: 'Repeated spam',
    });
    expect(suspend.status).toBe(403);
  });

  it('shows a rep the commission of a signed conversion on the answer that produced it', async () => {
    const rep = await as(story.rep.handle);
    const before = await rep.get('/me/referrals');
    expect(before.status).toBe(200);
    expect(before.body).toContain(`/r/${story.repAnswer.code}`);
    expect(before.body).toContain('No commissions yet.');
    await signedConversion(t, story, 'reg-http-1', '203.0.113.40');
    const after = await rep.get('/me/referrals');
    expect(after.body).toContain('$5.00');
    expect(after.body).toContain('Pending');
    expect(after.body).toContain(`#a-${story.repAnswer.id}`);
    // A customer with no rep role and no links of their own gets the forbidden page, not the desk.
    const other = await as((await registerUser(t)).handle);
    const theirs = await other.get('/me/referrals');
    expect(theirs.status).toBe(403);
    expect(theirs.body).not.toContain(story.repAnswer.code);
    expect(theirs.body).not.toContain('No commissions yet.');
  });

  it('gives staff the dashboard and the escalation queue, and converts a question to a case', async () => {
    const staff = await as(story.staff.handle);
    const dashboard = await staff.get(`/b/${story.boardSlug}/insights`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('<svg class="chart"');
    expect(dashboard.body).toContain('Questions waiting per tier');
    const queue = await staff.get(`/b/${story.boardSlug}/escalations`);
    expect(queue.body).toContain(story.escalated.title);
    const taken = await staff.post(`/escalations/${story.escalated.id}/take`, {
      back: `/b/${story.boardSlug}/escalations?tier=STAFF`,
    });
    expect((await follow(staff, taken)).body).toContain('Taken by you');
    const colleague = await as(story.colleague.handle);
    const theirQueue = await colleague.get(`/b/${story.boardSlug}/escalations`);
    expect(theirQueue.body).toContain('Taken by ');
    const refused = await colleague.post(`/escalations/${story.escalated.id}/take`, {
      back: `/b/${story.boardSlug}/escalations?tier=STAFF`,
    });
    expect((await follow(colleague, refused)).body).toContain('Another staff member has taken this question.');
    const converted = await staff.post(`/escalations/${story.escalated.id}/case`, {
      reason: 'Needs a line test',
      back: `/b/${story.boardSlug}/escalations?tier=STAFF`,
    });
    const after = await follow(staff, converted);
    expect(after.body).toContain('The question is now a private support case.');
    const cases = await staff.get(`/b/${story.boardSlug}/escalations?tier=CASE`);
    expect(cases.body).toContain(story.escalated.title);
    expect(cases.body).toContain('Case open');

    // A moderator sees the dashboard without the staff-only escalation figures.
    const moderator = await as(story.moderator.handle);
    const theirs = await moderator.get(`/b/${story.boardSlug}/insights`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toContain('Questions waiting per tier');
  });

  it('lists early-warning alerts for staff and lets them acknowledge one with a note', async () => {
    const staff = await as(story.staff.handle);
    expect((await staff.get(`/b/${story.boardSlug}/alerts`)).body).toContain('No alerts here.');
    // The detector needs a day of history to raise one; the page only needs an alert to exist.
    const board = await t.app.get(BoardService).requireBoard(story.boardSlug);
    const hourStart = new Date(Math.floor(t.clock.now().getTime() / 3_600_000) * 3_600_000);
    await t.app.get(AlertService).raise(
      {
        boardId: board._id,
        operatorId: board.operatorId,
        kind: AlertKind.QUESTION_SPIKE,
        subject: 'tag:outage',
        tag: 'outage',
        userId: null,
        hourStart,
        signals: [AlertKind.QUESTION_SPIKE],
        observed: 9,
        baseline: 1.5,
        threads: [{ threadId: new Types.ObjectId(story.escalated.id), title: story.escalated.title }],
        cooldownMs: 6 * 3_600_000,
      },
      t.clock.now(),
    );
    const page = await staff.get(`/b/${story.boardSlug}/alerts`);
    expect(page.body).toContain('Question spike');
    expect(page.body).toContain('9 this hour, against a usual 1.5');
    const alertId = /action="\/alerts\/([0-9a-f]{24})\/acknowledge"/.exec(page.body)![1];
    const acknowledged = await staff.post(`/alerts/${alertId}/acknowledge`, {
      note: 'Known outage, fix under way',
      back: `/b/${story.boardSlug}/alerts`,
    });
    const after = await follow(staff, acknowledged);
    expect(after.body).toContain('Alert acknowledged.');
    expect(after.body).toContain('Known outage, fix under way');
    expect(after.body).not.toContain(`action="/alerts/${alertId}/acknowledge"`);
  });
});
