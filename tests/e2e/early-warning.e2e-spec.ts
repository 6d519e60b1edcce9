import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EarlyWarningJob } from '@helpboard/insights';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { notificationsOf } from './support/notifications.js';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask, comment, vote } from './support/threads.js';

const HOUR = 3_600_000;
const START = new Date('2026-04-06T00:00:00Z');
const ALERTS = `query ($b: String, $o: String, $ack: Boolean) {
  alerts(boardSlug: $b, operatorSlug: $o, isAcknowledged: $ack) {
    edges { node { id kind signals boardSlug tag userId observed baseline threads { threadId title } acknowledgedAt note } }
  }
}`;
const ACK = 'mutation ($a: ID!, $n: String) { acknowledgeAlert(alertId: $a, note: $n) { id acknowledgedAt note } }';
const TRENDING =
  'query ($b: String!, $w: TrendWindow) { trendingTopics(boardSlug: $b, window: $w) { kind name count rise } }';
const LIMITS = { newUserQuestionsPerHour: 100, newUserAnswersPerHour: 100, newUserCommentsPerHour: 100 };

const NEGATIVE_POSTS = [
  ['Internet outage again, terrible service', 'Third outage this week. Awful. I want a refund.'],
  ['家里断网了，太差了', '从早上开始就断网，客服不理人，我要投诉！'],
  ['Outage downtown, nothing works', 'This is horrible and nobody answers the phone. Useless.'],
  ['又断网了，非常失望', '每天晚上都掉线，太差了，要求退款。'],
  ['Fibre outage, angry customer', 'Worst provider ever, the outage has lasted six hours. Disgusting.'],
  ['断网一整天，气愤', '断网一整天了，没有任何通知，服务太差，我要投诉到工信部。'],
  ['Still down after the outage', 'Terrible. The outage broke my router too and support is useless.'],
  ['网络瘫痪，垃圾服务', '全小区网络瘫痪，客服敷衍，太失望了。'],
];

describe('early warning', () => {
  let t: TestApp;
  let operator: { slug: string };
  let board: { slug: string; id: string };
  let owner: TestUser;
  let staff: TestUser;
  const fresh = async (user: TestUser): Promise<TestUser> => ({
    ...user,
    accessToken: (await login(t, user.handle)).data!.login.accessToken,
  });
  /** The detector reads the buckets that the posts' after-commit jobs write. */
  const detect = async () => {
    await afterCommitJobsDone(t);
    return t.app.get(EarlyWarningJob).run();
  };
  const alertsOf = async (variables: Record<string, unknown>, user: TestUser) => {
    const response = await t.graphql(ALERTS, variables, { token: (await fresh(user)).accessToken });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.alerts.edges.map((edge: { node: unknown }) => edge.node) as Record<string, any>[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(START);
    const admin = await createPlatformAdmin(t);
    owner = await registerUser(t);
    operator = await createOperator(t, admin, [owner.handle]);
    board = await createBoard(t, owner, operator.slug, { settings: { moderation: LIMITS } });
    staff = await registerUser(t);
    await setBoardRole(t, owner, board.slug, staff.handle, 'STAFF');
  });
  afterAll(async () => {
    await t.close();
  });

  it('raises nothing on a normal day', async () => {
    const asker = await registerUser(t);
    const topics = ['billing', 'roaming', 'outage'];
    // A question every second hour, some grumpy, on three tags.
    for (let hour = 0; hour < 24; hour += 2) {
      t.clock.set(new Date(START.getTime() + hour * HOUR + 10 * 60_000));
      const me = await fresh(asker);
      const isGrumpy = hour % 8 === 0;
      await ask(t, me, board.slug, {
        title: `${isGrumpy ? 'Annoying problem' : 'Question'} number ${hour} about my plan`,
        body: isGrumpy ? `Hour ${hour}: this is bad and I am annoyed.` : `Hour ${hour}: how does this work? Thanks!`,
        tags: [topics[(hour / 2) % 3]],
      });
      t.clock.advance(30 * 60_000);
      expect(await detect()).toBe(0);
    }
    expect(await alertsOf({ b: board.slug }, staff)).toEqual([]);
  });

  it('raises one alert for a burst of negative English and Chinese posts on one tag, with its threads', async () => {
    const burstHour = START.getTime() + 24 * HOUR;
    const users = await Promise.all([registerUser(t), registerUser(t)]);
    let raised = 0;
    const threadIds: string[] = [];
    for (const [index, [title, body]] of NEGATIVE_POSTS.entries()) {
      t.clock.set(new Date(burstHour + 5 * 60_000 + index * 60_000));
      const thread = await ask(t, await fresh(users[index % 2]), board.slug, { title, body, tags: ['outage'] });
      threadIds.push(thread.id);
      raised += await detect();
    }
    expect(raised).toBe(1);
    // The detector runs again later, and again after a restart: still one alert.
    t.clock.set(new Date(burstHour + HOUR + 10 * 60_000));
    expect(await detect()).toBe(0);
    expect(await detect()).toBe(0);

    const [alert, ...others] = await alertsOf({ b: board.slug }, staff);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: 'NEGATIVE_BURST', boardSlug: board.slug, tag: 'outage', acknowledgedAt: null });
    expect(alert.signals.sort()).toEqual(['NEGATIVE_BURST', 'QUESTION_SPIKE']);
    expect(alert.observed).toBeGreaterThanOrEqual(5);
    expect(alert.threads.map((thread: { threadId: string }) => thread.threadId).sort()).toEqual([...threadIds].sort());

    const told = (await notificationsOf(t, await fresh(staff))).filter((n) => n.kind === 'INSIGHT_ALERT');
    expect(told).toHaveLength(1);
    expect(told[0].text).toMatch(/^A burst of negative posts on .+: \d+ this hour/);
    const toldInChinese = await notificationsOf(t, await fresh(owner), { locale: 'zh-CN' });
    expect(toldInChinese.filter((n) => n.kind === 'INSIGHT_ALERT').map((n) => n.text)[0]).toMatch(/负面帖子集中出现/);

    const topics = await t.graphql(TRENDING, { b: board.slug, w: 'DAY' }, { token: (await fresh(staff)).accessToken });
    expect(topics.errors).toBeUndefined();
    expect(topics.data!.trendingTopics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'TAG', name: 'outage' }),
        expect.objectContaining({ kind: 'TERM', name: 'outage' }),
      ]),
    );
  });

  it('lets staff acknowledge an alert; others neither see nor acknowledge it', async () => {
    const stranger = await registerUser(t);
    const [alert] = await alertsOf({ b: board.slug }, staff);
    const codeOf = async (variables: Record<string, unknown>, user: TestUser, query = ALERTS) =>
      (await t.graphql(query, variables, { token: (await fresh(user)).accessToken })).errors?.[0]?.extensions?.code;
    expect(await codeOf({ b: board.slug }, stranger)).toBe('FORBIDDEN');
    expect(await codeOf({ o: operator.slug }, staff)).toBe('FORBIDDEN');
    expect(await codeOf({ b: board.slug, o: operator.slug }, staff)).toBe('BAD_USER_INPUT');
    expect(await codeOf({ a: alert.id }, stranger, ACK)).toBe('NOT_FOUND');
    expect(await codeOf({ a: alert.id, n: 'x'.repeat(501) }, staff, ACK)).toBe('BAD_USER_INPUT');
    expect(await codeOf({ b: board.slug, w: 'DAY' }, stranger, TRENDING)).toBe('FORBIDDEN');

    const acked = await t.graphql(
      ACK,
      { a: alert.id, n: 'Outage in the north ring; status page updated.' },
      {
        token: (await fresh(staff)).accessToken,
      },
    );
    expect(acked.data!.acknowledgeAlert).toMatchObject({
      id: alert.id,
      note: 'Outage in the north ring; status page updated.',
    });
    expect(acked.data!.acknowledgeAlert.acknowledgedAt).not.toBeNull();
    expect(await alertsOf({ b: board.slug, ack: false }, staff)).toEqual([]);
    expect((await alertsOf({ o: operator.slug, ack: true }, owner)).map((a) => a.id)).toEqual([alert.id]);
  });

  it('raises an alert when an influential user turns negative', async () => {
    owner = await fresh(owner);
    const quiet = await createBoard(t, owner, operator.slug, {
      settings: {
        moderation: LIMITS,
        privileges: { upvote: 0 },
        reputation: { answerUpvote: 100, dailyVoteCap: 10_000 },
      },
    });
    await setBoardRole(t, owner, quiet.slug, staff.handle, 'STAFF');
    const [asker, expert, ...voters] = await Promise.all(Array.from({ length: 12 }, () => registerUser(t)));
    const question = await ask(t, asker, quiet.slug, { title: 'Which APN should I use abroad?', tags: ['roaming'] });
    const good = await answer(t, expert, question.id, 'Use "roam.example", thanks for asking, happy to help!');
    for (const voter of voters) await vote(t, voter, good.id, 'UP');
    expect(await detect()).toBe(0);

    const later = await ask(t, asker, quiet.slug, { title: 'Roaming data stopped working', tags: ['roaming'] });
    await comment(t, expert, later.id, 'Honestly this is terrible. The worst, most useless support I have ever seen.');
    expect(await detect()).toBe(1);
    const [alert] = await alertsOf({ b: quiet.slug }, staff);
    expect(alert).toMatchObject({ kind: 'INFLUENTIAL_NEGATIVE', userId: expert.id });
    expect(alert.threads).toEqual([{ threadId: later.id, title: 'Roaming data stopped working' }]);
    expect(await detect()).toBe(0);
  });
});
