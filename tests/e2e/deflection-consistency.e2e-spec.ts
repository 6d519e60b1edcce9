// One rule for "deflected": a draft shown "you may be asking" suggestions and not followed by a
// question within the window. The operator's figures (boardInsights, board and operator scope),
// the deflection summary, the site's insights page and the CLI export must agree at every age of
// the drafts: a draft younger than the window is counted by none of them yet.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, registerUser, createPlatformAdmin, STRONG_PASSWORD, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { runCli } from './support/cli.js';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { ask } from './support/threads.js';
import { signIn, WebClient } from '../../apps/web/test/support/web-client.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const INSIGHTS = `query ($b: String, $o: String, $f: DateTime!, $to: DateTime!) {
  boardInsights(boardSlug: $b, operatorSlug: $o, from: $f, to: $to) { totals { deflectedAsks resolvedBySelfService selfServiceShare questions } }
}`;
const SUMMARY = `query ($b: String!, $f: DateTime!, $to: DateTime!) {
  deflectionSummary(boardSlug: $b, from: $f, to: $to) { suggestionsShown deflected askedAnyway pending }
}`;

describe('deflected drafts, self-service share and "not asked" agree', () => {
  let t: TestApp;
  let owner: TestUser;
  let operatorSlug: string;
  let boardSlug: string;
  let start: number;
  const token = async (user: TestUser) => (await login(t, user.handle)).data!.login.accessToken as string;
  const range = () => {
    const today = Math.floor(start / DAY) * DAY;
    return { f: new Date(today - DAY).toISOString(), to: new Date(today + 2 * DAY).toISOString() };
  };

  beforeAll(async () => {
    t = await startTestApp();
    // Close to the real time, so that the CLI (a separate process on the system clock) sees the
    // drafts at the ages the test gives them.
    start = Date.now() - 90 * MINUTE;
    t.clock.set(new Date(start));
    const admin = await createPlatformAdmin(t);
    owner = await registerUser(t);
    operatorSlug = (await createOperator(t, admin, [owner.handle])).slug;
    boardSlug = (await createBoard(t, owner, operatorSlug)).slug;
  });
  afterAll(() => t.close());

  it('counts a draft as deflected only once the window has passed, in every figure', async () => {
    const existing = await ask(t, owner, boardSlug, { title: 'How do I top up my prepaid plan?' });
    // Drafts shown at -90, -60, -40, -20 and -5 minutes (relative to now); the one at -60 was asked
    // anyway ten minutes later.
    const drafts = [0, 30, 50, 70, 85];
    const users = await Promise.all(drafts.map(() => registerUser(t)));
    for (const [i, minute] of drafts.entries()) {
      t.clock.set(new Date(start + minute * MINUTE));
      const shown = await t.graphql(
        'mutation ($b: String!, $t: String!, $ids: [ID!]!) { recordSuggestionsShown(boardSlug: $b, title: $t, threadIds: $ids) }',
        { b: boardSlug, t: 'prepaid top up', ids: [existing.id] },
        { token: await token(users[i]) },
      );
      expect(shown.errors).toBeUndefined();
      if (minute === 30) {
        t.clock.set(new Date(start + 40 * MINUTE));
        await ask(t, { ...users[i], accessToken: await token(users[i]) }, boardSlug, { title: 'Top up failed twice' });
      }
    }

    await afterCommitJobsDone(t); // the questions' counts
    // Every age from the last draft's showing to all drafts settled, across the window's edges.
    for (const minute of [85, 90, 99, 101, 115, 119, 121, 130]) {
      t.clock.set(new Date(start + minute * MINUTE));
      const auth = { token: await token(owner) };
      const [board, operator, summary] = await Promise.all([
        t.graphql(INSIGHTS, { b: boardSlug, ...range() }, auth),
        t.graphql(INSIGHTS, { o: operatorSlug, ...range() }, auth),
        t.graphql(SUMMARY, { b: boardSlug, ...range() }, auth),
      ]);
      const settled = drafts.filter((shownAt) => shownAt !== 30 && minute - shownAt >= 30).length;
      const totals = board.data!.boardInsights.totals;
      expect({ minute, deflected: summary.data!.deflectionSummary.deflected }).toEqual({ minute, deflected: settled });
      expect({ minute, deflectedAsks: totals.deflectedAsks }).toEqual({ minute, deflectedAsks: settled });
      expect(operator.data!.boardInsights.totals).toEqual(totals);
      // Self-service is the deflected drafts (no shared answers here), its share of all needs.
      expect(totals.resolvedBySelfService).toBe(settled);
      expect(totals.selfServiceShare).toBeCloseTo(settled / (settled + totals.questions), 4);
    }
  });

  it('shows the same numbers on the site and in the CLI export', async () => {
    // Now is the real time: the drafts are 5 to 90 minutes old for this process and the CLI alike.
    t.clock.set(new Date(start + 90 * MINUTE));
    const site = new WebClient(t.baseUrl, { 'x-forwarded-for': '10.77.0.1' });
    await signIn(site, owner.handle, STRONG_PASSWORD);
    const page = (await site.get(`/b/${boardSlug}/insights`)).body;
    const auth = { token: await token(owner) };
    const report = (await t.graphql(INSIGHTS, { b: boardSlug, ...range() }, auth)).data!.boardInsights.totals;
    expect(report.deflectedAsks).toBe(2);
    expect(page).toMatch(new RegExp(`<span class="big">${report.deflectedAsks}</span> questions not asked`));
    expect(page).toContain(`<span class="big">${Math.round(report.selfServiceShare * 100)}%</span> of needs met`);

    const env = { MONGODB_URI: t.engine.uri, DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')), LOG_LEVEL: 'silent' };
    const { f, to } = range();
    const json = await runCli(
      [
        'insights',
        'export',
        '--operator',
        operatorSlug,
        '--board',
        boardSlug,
        '--from',
        f,
        '--to',
        to,
        '--format',
        'json',
      ],
      env,
    );
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).totals).toMatchObject({
      deflectedAsks: report.deflectedAsks,
      selfServiceShare: report.selfServiceShare,
    });
  });
});
