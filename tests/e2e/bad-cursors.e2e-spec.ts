// Cursors are client input: one decoding to operator objects such as {"$ne": null} used to reach
// the query filter and end in a 500, and a domain error thrown by a field resolver (answers,
// reputationHistory) always came out as INTERNAL_SERVER_ERROR (issue #21).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { executeOverWebSocket, startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, type TestUser } from './support/accounts.js';
import { createBoard, createOperator } from './support/boards.js';
import { answer, ask } from './support/threads.js';

const raw = (json: string) => Buffer.from(json).toString('base64url');
/** Right arity for every list here (one to four sort keys), every value an operator object. */
const OPERATOR_CURSORS = [1, 2, 3, 4].map((arity) => raw(JSON.stringify(Array(arity).fill({ $ne: null }))));

describe('cursors holding operator objects', () => {
  let t: TestApp;
  let admin: TestUser;
  let boardSlug: string;
  let threadId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    boardSlug = (await createBoard(t, admin, operator.slug)).slug;
    threadId = (await ask(t, admin, boardSlug)).id;
    await answer(t, admin, threadId);
  });
  afterAll(async () => {
    await t.close();
  });

  const LISTS: [string, string, (after: string) => Record<string, unknown>][] = [
    [
      'threads',
      'query ($b: String!, $a: String) { threads(boardSlug: $b, after: $a) { edges { cursor } } }',
      (a) => ({ b: boardSlug, a }),
    ],
    [
      'answers',
      'query ($t: ID!, $a: String) { thread(id: $t) { answers(after: $a) { edges { cursor } } } }',
      (a) => ({ t: threadId, a }),
    ],
    [
      'reputationHistory',
      'query ($h: String!, $a: String) { user(handle: $h) { reputationHistory(after: $a) { edges { cursor } } } }',
      (a) => ({ h: admin.handle, a }),
    ],
  ];

  it.each(LISTS)('refuses them on %s as BAD_USER_INPUT over HTTP and WebSocket', async (_name, query, variables) => {
    for (const cursor of OPERATOR_CURSORS) {
      const http = await t.graphql(query, variables(cursor));
      expect(http.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      const websocket = await executeOverWebSocket(t.websocket(), query, variables(cursor));
      expect(websocket.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    }
  });

  it.each(LISTS)(
    'answers a malformed cursor on %s with its own code, field resolvers included',
    async (_n, query, variables) => {
      const response = await t.graphql(query, variables('not a cursor!'));
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      expect(response.errors?.[0].extensions?.fields).toEqual([
        { field: 'after', message: 'The cursor is not valid.' },
      ]);
    },
  );

  it('refuses them on board pages with a 400, not a 500', async () => {
    for (const cursor of OPERATOR_CURSORS) {
      const response = await fetch(`${t.baseUrl}/b/${boardSlug}?after=${cursor}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(400);
    }
  });
});
