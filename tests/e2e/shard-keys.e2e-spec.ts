// Sharding readiness: the queries the hottest pages send (a thread page, a board's thread list, a
// leaderboard, and the writes of voting and answering) each carry their collection's shard key,
// so on a sharded cluster they reach one shard instead of all (docs/sharding.md).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { currentRequestId } from '@helpboard/core';
import { declaredShardKeys, type ShardKey, untargetedStatements } from '@helpboard/observability';
import { startTestApp, type TestApp } from './support/test-app.js';
import { registerUser, type TestUser, createPlatformAdmin } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';

const BOARD_LIST = `query ($b: String!, $tag: String) {
  threads(boardSlug: $b, first: 20, tag: $tag) { edges { node { id title score answerCount author { user { handle } boardRole } } } pageInfo { hasNextPage } }
}`;
const LEADERBOARD = `query ($b: String!, $p: LeaderboardPeriod!) {
  leaderboard(boardSlug: $b, period: $p, first: 20) { rank reputation user { handle } }
}`;

describe('shard keys in hot queries', () => {
  let t: TestApp;
  let keys: Map<string, ShardKey>;
  let board: { slug: string };
  let threadId: string;
  let answerId: string;
  let people: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    keys = declaredShardKeys(t.app.get<Connection>(getConnectionToken()));
    const admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    board = await createBoard(t, admin, operator.slug);
    people = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    threadId = (await ask(t, people[0], board.slug)).id;
    answerId = (await answer(t, people[1], threadId)).id;
    await comment(t, people[0], answerId, 'That did it, thanks.');
    await vote(t, people[0], answerId, 'UP');
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs `drive` and returns the statements it sent that no shard key routes, and the collections it touched. */
  async function check(drive: (headers: Record<string, string>) => Promise<unknown>) {
    const client = t.app.get<Connection>(getConnectionToken()).getClient();
    const requestId = `shard-check-${Math.random().toString(36).slice(2)}`;
    const problems: string[] = [];
    const touched = new Set<string>();
    // Only this request's commands: background jobs run meanwhile under their own contexts.
    const listener = (event: CommandStartedEvent) => {
      if (currentRequestId() !== requestId) return;
      touched.add(String(event.command[event.commandName]));
      problems.push(...untargetedStatements(event.commandName, event.command, keys));
    };
    client.on('commandStarted', listener);
    try {
      await drive({ 'x-request-id': requestId });
    } finally {
      client.off('commandStarted', listener);
    }
    return { problems, touched };
  }

  it('declares shard keys for the big collections', () => {
    for (const name of ['threads', 'posts', 'comments', 'votes', 'reputation_ledger', 'reputation_periods'])
      expect(keys.has(name)).toBe(true);
  });

  it('the thread page routes every query by its shard key', async () => {
    const { problems, touched } = await check(async (headers) => {
      const page = await t.graphql(THREAD_PAGE, { id: threadId }, { token: people[2].accessToken, headers });
      expect(page.errors).toBeUndefined();
    });
    expect(problems).toEqual([]);
    expect([...touched]).toEqual(expect.arrayContaining(['threads', 'posts', 'comments', 'votes']));
  });

  it('the board thread list routes every query by its shard key', async () => {
    const { problems, touched } = await check(async (headers) => {
      for (const tag of [null, '5g']) {
        const list = await t.graphql(BOARD_LIST, { b: board.slug, tag }, { token: people[2].accessToken, headers });
        expect(list.errors).toBeUndefined();
        expect(list.data!.threads.edges).toHaveLength(1);
      }
    });
    expect(problems).toEqual([]);
    expect(touched.has('threads')).toBe(true);
  });

  it('the leaderboard routes every query by its shard key', async () => {
    const { problems, touched } = await check(async (headers) => {
      for (const p of ['WEEK', 'MONTH', 'ALL']) {
        const board_ = await t.graphql(LEADERBOARD, { b: board.slug, p }, { headers });
        expect(board_.errors).toBeUndefined();
        expect(board_.data!.leaderboard.length).toBeGreaterThan(0);
      }
    });
    expect(problems).toEqual([]);
    expect([...touched].some((name) => name.startsWith('reputation_'))).toBe(true);
  });

  it('voting and answering route every statement by its shard key', async () => {
    const { problems } = await check(async (headers) => {
      const voted = await t.graphql(
        'mutation ($p: ID!) { vote(postId: $p, direction: UP) { id score } }',
        { p: answerId },
        { token: people[2].accessToken, headers },
      );
      expect(voted.errors).toBeUndefined();
      const answered = await t.graphql(
        'mutation ($t: ID!) { postAnswer(threadId: $t, body: "Settings, then Mobile data, then Usage.") { id } }',
        { t: threadId },
        { token: people[2].accessToken, headers },
      );
      expect(answered.errors).toBeUndefined();
    });
    expect(problems).toEqual([]);
  });
});
