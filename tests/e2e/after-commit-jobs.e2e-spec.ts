// Board-wide numbers that every post feeds (insight buckets, tag question counts) are written
// after the post commits, by after-commit jobs: right after parallel writers, after an instance
// died between commit and job, and counted once when two instances run the jobs. Write
// transactions that meet are retried, and the retries are counted on /metrics.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from 'mongoose';
import { getConnectionToken } from '@nestjs/mongoose';
import { UnitOfWork } from '@helpboard/database';
import { startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask } from './support/threads.js';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';

const WRITERS = 20;
const METRICS_TOKEN = 'after-commit-metrics-token';
const DAY_MS = 86_400_000;
const FIGURES = `query ($b: String!, $f: DateTime!, $to: DateTime!) {
  boardInsights(boardSlug: $b, from: $f, to: $to) { totals { questions answers } }
  board(slug: $b) { questionTags { name questionCount } }
}`;

describe('after-commit jobs', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  let admin: TestUser;
  let operatorSlug: string;
  let people: TestUser[];

  beforeAll(async () => {
    a = await startTestApp({ METRICS_TOKEN });
    admin = await createPlatformAdmin(a);
    operatorSlug = (await createOperator(a, admin, [admin.handle])).slug;
    people = await Promise.all(Array.from({ length: WRITERS }, () => registerUser(a)));
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a.close();
  });

  /** The board's figures of today as its operator admin reads them, through `via`. */
  const figures = async (via: TestApp, boardSlug: string, reader = admin) => {
    const now = via.clock.now().getTime();
    const range = { f: new Date(now - DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString() };
    const response = await via.graphql(FIGURES, { b: boardSlug, ...range }, { token: reader.accessToken });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return {
      ...response.data.boardInsights.totals,
      tags: Object.fromEntries(
        response.data.board.questionTags.map((tag: { name: string; questionCount: number }) => [
          tag.name,
          tag.questionCount,
        ]),
      ),
    };
  };

  /** Every writer asks a question tagged `roaming` and answers another writer's, all at once. */
  const writeInParallel = async (boardSlug: string, via: (i: number) => TestApp) => {
    const questions = await Promise.all(
      people.map((person, i) => ask(via(i), person, boardSlug, { tags: ['roaming', `writer-${i}`] })),
    );
    await Promise.all(people.map((person, i) => answer(via(i), person, questions[(i + 1) % WRITERS].id)));
  };

  it(`counts ${WRITERS} questions and answers written in parallel by different users exactly`, async () => {
    const board = await createBoard(a, admin, operatorSlug);
    await writeInParallel(board.slug, () => a);
    await afterCommitJobsDone(a);
    const counted = await figures(a, board.slug);
    expect(counted).toMatchObject({ questions: WRITERS, answers: WRITERS });
    expect(counted.tags.roaming).toBe(WRITERS);
  }, 180_000);

  it('counts each fact once when two instances run the jobs, even if a message is delivered twice', async () => {
    const board = await createBoard(a, admin, operatorSlug);
    const second = (b = await startTestApp({}, a.engine));
    await writeInParallel(board.slug, (i) => (i % 2 === 0 ? a : second));
    await Promise.all([afterCommitJobsDone(a), afterCommitJobsDone(second)]);
    const once = await figures(a, board.slug);
    expect(once).toMatchObject({ questions: WRITERS, answers: WRITERS });
    expect(once.tags.roaming).toBe(WRITERS);

    // A relay that applied the jobs and died before marking their messages delivered: every
    // message is delivered again, by both instances at once.
    const outbox = a.app.get<Connection>(getConnectionToken()).collection('outbox');
    const redelivered = await outbox.updateMany(
      { topic: { $in: ['insights.fact', 'threads.tag-counts'] } },
      { $set: { processedAt: null, lockedUntil: null } },
    );
    expect(redelivered.modifiedCount).toBeGreaterThanOrEqual(2 * WRITERS);
    await Promise.all([afterCommitJobsDone(a), afterCommitJobsDone(second)]);
    expect(await outbox.countDocuments({ processedAt: null })).toBe(0);
    expect(await figures(second, board.slug)).toEqual(once);
  }, 180_000);

  it('counts a write transaction that a conflict made run again on /metrics', async () => {
    const retriesOnMetrics = async () => {
      const text = await (
        await fetch(`${a.baseUrl}/metrics`, { headers: { 'x-metrics-token': METRICS_TOKEN } })
      ).text();
      const row = text
        .split('\n')
        .find((line) => line.startsWith('helpboard_transaction_retries_total{reason="transient"}'));
      return Number(row?.split(' ').pop() ?? 0);
    };
    const before = await retriesOnMetrics();

    // Two units write one document; the second writes while the first has not committed yet.
    const unitOfWork = a.app.get(UnitOfWork);
    let firstWrote!: () => void;
    const hasFirstWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    let secondTried!: () => void;
    const hasSecondTried = new Promise<void>((resolve) => (secondTried = resolve));
    const key = `conflict-test:${Date.now()}`;
    await Promise.all([
      unitOfWork.run(async (tx) => {
        await tx.serializeOn(key);
        firstWrote();
        // Commit once the other has met this write (or after a second, should it wait for it).
        await Promise.race([hasSecondTried, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      }),
      (async () => {
        await hasFirstWritten;
        await unitOfWork.run(async (tx) => {
          try {
            await tx.serializeOn(key);
          } finally {
            secondTried();
          }
        });
      })(),
    ]);
    expect(await retriesOnMetrics()).toBeGreaterThan(before);
  }, 60_000);
  // Last: passport's strategies are per process and the last app started owns them, so the
  // instances started here leave the suite's first app unable to sign anyone in.
  it('applies the jobs that an instance committed but died before applying, when another starts', async () => {
    // An instance that takes writes but never runs their jobs, as if it died right after each
    // commit, alone on its database (no other instance's relay may apply its messages).
    const engine = await startEmbeddedMongo();
    try {
      const dying = await startTestApp({ BACKGROUND_JOBS: 'off' }, engine);
      const boss = await createPlatformAdmin(dying);
      const board = await createBoard(dying, boss, (await createOperator(dying, boss, [boss.handle])).slug);
      const [asker, helper] = await Promise.all([registerUser(dying), registerUser(dying)]);
      const question = await ask(dying, asker, board.slug, { tags: ['esim'] });
      await answer(dying, helper, question.id);
      expect(await figures(dying, board.slug, boss)).toEqual({ questions: 0, answers: 0, tags: {} });
      await dying.close();

      // A new instance's relay finds the undelivered messages on its first poll.
      const next = await startTestApp({}, engine);
      try {
        for (let i = 0; i < 100 && (await figures(next, board.slug, boss)).answers < 1; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await figures(next, board.slug, boss)).toEqual({ questions: 1, answers: 1, tags: { esim: 1 } });
      } finally {
        await next.close();
      }
    } finally {
      await engine.stop();
    }
  }, 180_000);
});
