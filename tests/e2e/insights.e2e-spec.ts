import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPlatformAdmin, login, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscalationJob } from '@helpboard/insights';
import { runCli } from './support/cli.js';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { answer, ask, comment } from './support/threads.js';

const MINUTE = 60_000;
const DAY_START = new Date('2026-03-02T00:00:00Z');

const FIGURES = `questions answers comments deflectedAsks shareOpens resolvedBySelfService resolvedByPeers resolvedByStaff
  unresolved selfServiceShare peerShare staffShare
  timeToFirstAnswer { median p90 count } timeToResolution { median p90 count }
  slaBreachesExperts slaBreachesStaff casesOpened casesSolved negativePosts urgentPosts
  staff { answers officialAnswers acceptedAnswers acceptedRate firstResponse { median count } casesSolved }
  peers { answers acceptedAnswers acceptedRate }`;
const INSIGHTS = `query ($b: String, $o: String, $f: DateTime!, $to: DateTime!, $g: InsightGranularity) {
  boardInsights(boardSlug: $b, operatorSlug: $o, from: $f, to: $to, granularity: $g) {
    scopeKind slug from to granularity totals { ${FIGURES} } series { start figures { questions } }
  }
}`;
const SIGNALS = `query ($t: ID!) { threadSignals(threadId: $t) { kind language sentiment isNegative urgency urgentTerms } }`;

describe('operator insights', () => {
  let t: TestApp;
  let board: { slug: string; id: string };
  let operator: { slug: string };
  let owner: TestUser;
  let staff: TestUser;
  const fresh = async (user: TestUser): Promise<TestUser> => ({
    ...user,
    accessToken: (await login(t, user.handle)).data!.login.accessToken,
  });
  const at = (minutes: number) => t.clock.set(new Date(DAY_START.getTime() + 8 * 60 * MINUTE + minutes * MINUTE));

  beforeAll(async () => {
    t = await startTestApp();
    at(0);
    const admin = await createPlatformAdmin(t);
    owner = await registerUser(t);
    operator = await createOperator(t, admin, [owner.handle]);
    board = await createBoard(t, owner, operator.slug, {
      settings: { escalation: { expertsAfterMinutes: 30, staffAfterMinutes: 240 } },
    });
    staff = await registerUser(t);
    await setBoardRole(t, owner, board.slug, staff.handle, 'STAFF');
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts questions, the tier that resolved them and how fast, from buckets', async () => {
    at(0);
    const [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
    staff = await fresh(staff);
    const byPeer = await ask(t, asker, board.slug, { title: 'How do I set up voicemail?' });
    const byStaff = await ask(t, asker, board.slug, { title: 'Why was I charged twice this month?' });
    await ask(t, asker, board.slug, { title: 'Is there 5G coverage in Lakeside?' });
    // The ask flow showed suggestions that the user read instead of asking (deflected).
    const shown = await t.graphql(
      'mutation ($b: String!, $t: String!, $ids: [ID!]!) { recordSuggestionsShown(boardSlug: $b, title: $t, threadIds: $ids) }',
      { b: board.slug, t: 'voicemail setup', ids: [byPeer.id] },
      { token: peer.accessToken },
    );
    expect(shown.errors).toBeUndefined();

    at(10);
    const peerAnswer = await answer(t, peer, byPeer.id, 'Dial 121 and follow the prompts to record a greeting.');
    at(20);
    staff = await fresh(staff);
    const staffAnswer = await answer(t, staff, byStaff.id, 'The second charge is a pre-authorisation and drops off.');
    const accepted = await t.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: peerAnswer.id },
      { token: (await fresh(asker)).accessToken },
    );
    expect(accepted.errors).toBeUndefined();
    const official = await t.graphql(
      'mutation ($a: ID!) { markOfficialAnswer(answerId: $a) { id } }',
      { a: staffAnswer.id },
      { token: staff.accessToken },
    );
    expect(official.errors).toBeUndefined();
    const share = await t.graphql(
      'mutation ($a: ID!) { shareAnswer(answerId: $a, channel: SMS) { code } }',
      { a: staffAnswer.id },
      { token: staff.accessToken },
    );
    await fetch(`${t.baseUrl}/s/${share.data!.shareAnswer.code}`, { redirect: 'manual' });
    await comment(t, await fresh(asker), staffAnswer.id, 'Thanks, that explains it.');

    at(40);
    await afterCommitJobsDone(t);
    const response = await t.graphql(
      INSIGHTS,
      { b: board.slug, f: DAY_START.toISOString(), to: new Date(DAY_START.getTime() + 86_400_000).toISOString() },
      { token: (await fresh(owner)).accessToken },
    );
    expect(response.errors).toBeUndefined();
    const report = response.data!.boardInsights;
    expect(report).toMatchObject({ scopeKind: 'BOARD', slug: board.slug, granularity: 'DAY' });
    expect(report.totals).toMatchObject({
      questions: 3,
      answers: 2,
      comments: 1,
      deflectedAsks: 1,
      shareOpens: 1,
      resolvedBySelfService: 2,
      resolvedByPeers: 1,
      resolvedByStaff: 1,
      unresolved: 1,
      selfServiceShare: 0.4,
      peerShare: 0.2,
      staffShare: 0.2,
      staff: { answers: 1, officialAnswers: 1, acceptedAnswers: 0, firstResponse: { count: 1 } },
      peers: { answers: 1, acceptedAnswers: 1, acceptedRate: 1 },
    });
    expect(report.totals.timeToFirstAnswer.count).toBe(2);
    // 10 and 20 minutes: the median lies in the 5–10 or 15–30 minute bins.
    expect(report.totals.timeToFirstAnswer.median).toBeGreaterThanOrEqual(5 * 60);
    expect(report.totals.timeToFirstAnswer.median).toBeLessThanOrEqual(30 * 60);
    expect(report.series).toEqual([{ start: DAY_START.toISOString(), figures: { questions: 3 } }]);

    const byOperator = await t.graphql(
      INSIGHTS,
      { o: operator.slug, f: DAY_START.toISOString(), to: new Date(DAY_START.getTime() + 1).toISOString(), g: 'MONTH' },
      { token: (await fresh(owner)).accessToken },
    );
    expect(byOperator.data!.boardInsights).toMatchObject({
      scopeKind: 'OPERATOR',
      totals: { questions: 3, resolvedByPeers: 1 },
      series: [{ start: '2026-03-01T00:00:00.000Z', figures: { questions: 3 } }],
    });
  });

  it('shows the numbers to board staff and operator admins only, and checks its inputs', async () => {
    const stranger = await fresh(await registerUser(t));
    staff = await fresh(staff);
    const range = { f: DAY_START.toISOString(), to: new Date(DAY_START.getTime() + 86_400_000).toISOString() };
    const codeOf = async (variables: Record<string, unknown>, user: TestUser) =>
      (await t.graphql(INSIGHTS, variables, { token: user.accessToken })).errors?.[0]?.extensions?.code;
    expect(await codeOf({ b: board.slug, ...range }, stranger)).toBe('FORBIDDEN');
    expect(await codeOf({ o: operator.slug, ...range }, staff)).toBe('FORBIDDEN');
    expect((await t.graphql(INSIGHTS, { b: board.slug, ...range })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOf({ b: board.slug, ...range }, staff)).toBeUndefined();
    expect(await codeOf({ b: board.slug, f: range.to, to: range.f }, staff)).toBe('BAD_USER_INPUT');
    expect(await codeOf({ b: board.slug, o: operator.slug, ...range }, staff)).toBe('BAD_USER_INPUT');
    expect(await codeOf({ b: board.slug, f: '2020-01-01T00:00:00Z', to: range.to }, staff)).toBe('BAD_USER_INPUT');
  });

  it('scores English and Chinese posts for tone and urgency', async () => {
    at(60);
    const [asker, peer] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, board.slug, {
      title: 'Total outage since this morning',
      body: 'Terrible service, nothing works and nobody answers. I want a refund!',
    });
    await answer(t, peer, question.id, '我家也断网了，客服不理人，太差了，我要投诉！');
    await comment(t, peer, question.id, '谢谢，现在网络很稳定，非常满意。');
    await afterCommitJobsDone(t);
    const signals = (await t.graphql(SIGNALS, { t: question.id }, { token: (await fresh(staff)).accessToken })).data!
      .threadSignals;
    expect(signals).toEqual([
      expect.objectContaining({ kind: 'QUESTION', language: 'en', isNegative: true, urgency: 1 }),
      expect.objectContaining({ kind: 'ANSWER', language: 'zh', isNegative: true, urgency: 1 }),
      expect.objectContaining({ kind: 'COMMENT', language: 'zh', isNegative: false, urgency: 0 }),
    ]);
    expect(signals[0].urgentTerms).toEqual(expect.arrayContaining(['outage', 'refund']));
    expect(signals[1].urgentTerms).toEqual(expect.arrayContaining(['断网', '投诉']));
    expect(signals[2].sentiment).toBeGreaterThan(0.5);
    const denied = await t.graphql(SIGNALS, { t: question.id }, { token: asker.accessToken });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts SLA breaches per tier and a support case solved by staff', async () => {
    const day = new Date('2026-03-10T00:00:00Z').getTime();
    const minute = (n: number) => t.clock.set(new Date(day + 8 * 60 * MINUTE + n * MINUTE));
    minute(0);
    // A board of its own: questions left open by the other tests escalate on the same runs.
    const ladder = await createBoard(t, await fresh(owner), operator.slug, {
      settings: { escalation: { expertsAfterMinutes: 30, staffAfterMinutes: 240 } },
    });
    await setBoardRole(t, await fresh(owner), ladder.slug, staff.handle, 'STAFF');
    const question = await ask(t, await fresh(await registerUser(t)), ladder.slug, {
      title: 'My router shows a red light since the storm',
    });
    minute(30);
    await t.app.get(EscalationJob).run();
    minute(240);
    await t.app.get(EscalationJob).run();
    minute(250);
    staff = await fresh(staff);
    const opened = await t.graphql(
      'mutation ($t: ID!) { escalateToCase(threadId: $t, reason: "Needs a line test") { id } }',
      { t: question.id },
      { token: staff.accessToken },
    );
    const solved = await t.graphql(
      'mutation ($c: ID!) { setSupportCaseState(caseId: $c, state: SOLVED) { state } }',
      { c: opened.data!.escalateToCase.id },
      { token: staff.accessToken },
    );
    expect(solved.data!.setSupportCaseState.state).toBe('SOLVED');

    await afterCommitJobsDone(t);
    const report = await t.graphql(
      INSIGHTS,
      { b: ladder.slug, f: new Date(day).toISOString(), to: new Date(day + 1).toISOString() },
      { token: staff.accessToken },
    );
    expect(report.data!.boardInsights.totals).toMatchObject({
      questions: 1,
      slaBreachesExperts: 1,
      slaBreachesStaff: 1,
      casesOpened: 1,
      casesSolved: 1,
      resolvedByStaff: 1,
      unresolved: 0,
      staffShare: 1,
      timeToResolution: { count: 1 },
      staff: { casesSolved: 1 },
    });
  });

  it('exports the figures as CSV (and JSON) from the CLI', async () => {
    const env = { MONGODB_URI: t.engine.uri, DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')), LOG_LEVEL: 'silent' };
    const range = ['--from', '2026-03-01', '--to', '2026-03-03'];
    const csv = await runCli(['insights', 'export', '--operator', operator.slug, ...range], env);
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    expect(header.slice(0, 6)).toEqual(['periodStart', 'scope', 'slug', 'questions', 'answers', 'comments']);
    expect(header).toEqual(expect.arrayContaining(['timeToFirstAnswer.median', 'staff.acceptedRate', 'peerShare']));
    expect(rows.map((row) => row.length)).toEqual(rows.map(() => header.length));
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.map((row) => row[0])).toEqual([DAY_START.toISOString(), 'TOTAL']);
    expect(column(rows[1], 'questions')).toBe('4');
    expect(column(rows[1], 'resolvedByPeers')).toBe('1');
    expect(column(rows[1], 'scope')).toBe('OPERATOR');

    const json = await runCli(
      ['insights', 'export', '--operator', operator.slug, '--board', board.slug, ...range, '--format', 'json'],
      env,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      scope: { kind: 'BOARD', slug: board.slug },
      totals: { questions: 4 },
    });
  }, 120_000); // two CLI processes, each compiling TypeScript at start
});
