// No N+1: the number of database round trips for a thread page does not grow with the number of
// answers and comments (authors, roles, comments and votes load in batches).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { databaseCommandsDuring, readsAmong } from './support/database-commands.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';

describe('thread page database round trips', () => {
  let t: TestApp;
  let board: { slug: string };
  let operatorAdmin: TestUser;
  let people: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    people = await Promise.all(Array.from({ length: 10 }, () => registerUser(t)));
    await setBoardRole(t, operatorAdmin, board.slug, people[1].handle, 'STAFF');
  });
  afterAll(async () => {
    await t.close();
  });

  async function threadWith(answers: number): Promise<string> {
    const q = await ask(t, people[0], board.slug);
    // Commenters are drawn from the thread's answerers, so both threads involve the same kinds of
    // people; what differs is only how many answers and comments there are.
    const answerers = Math.min(answers, 9);
    for (let i = 0; i < answers; i++) {
      const a = await answer(t, people[1 + (i % 9)], q.id, `Answer number ${i}: restart the phone and try again.`);
      await comment(t, people[1 + ((i + 1) % answerers)], a.id, `Comment one on answer ${i}`);
      await comment(t, people[1 + ((i + 2) % answerers)], a.id, `Comment two on answer ${i}`);
      if (i % 3 === 0) await vote(t, people[0], a.id, 'UP');
    }
    return q.id;
  }

  async function commandsFor(threadId: string, viewer: TestUser): Promise<string[]> {
    const commands = await databaseCommandsDuring(t, async () => {
      const page = await t.graphql(THREAD_PAGE, { id: threadId }, { token: viewer.accessToken });
      expect(page.errors).toBeUndefined();
    });
    return readsAmong(commands);
  }

  it('takes the same number of round trips for 3 answers as for 30', async () => {
    const [warmUp, small, large] = [await threadWith(3), await threadWith(3), await threadWith(30)];
    const viewer = people[5];
    await afterCommitJobsDone(t); // the writes' insight jobs read too; only the pages are counted
    // The instance's caches that outlive one thread (the viewer's session and header state, the
    // board, authors' cards) are filled by a first page, so both measured pages start alike.
    await commandsFor(warmUp, viewer);
    const smallCommands = await commandsFor(small, viewer);
    const largeCommands = await commandsFor(large, viewer);
    expect(largeCommands).toEqual(smallCommands);
    expect(smallCommands.length).toBeLessThanOrEqual(16);
    process.stdout.write(`thread page round trips: ${smallCommands.length} (${smallCommands.join(', ')})\n`);
  }, 120_000); // Writing 33 answers through the API takes a while on a loaded machine.
});
