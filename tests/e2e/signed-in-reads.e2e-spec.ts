// A signed-in reader's thread read costs at most 3 database commands on a warm snapshot, over
// GraphQL and on the site: the account (which also says whether the session and the reader's
// cached header are current), the thread row and the reader's votes. What is cached per reader
// (the open session, the unread count, staff links, roles, follows) is never stale on the next
// request after it changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterCommitJobsDone, startTestApp, type TestApp } from './support/test-app.js';
import { databaseCommandsDuring } from './support/database-commands.js';
import { createPlatformAdmin, registerUser, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask, comment, THREAD_PAGE, vote } from './support/threads.js';
import { hasStaffDesk, unreadIn, webPage } from './support/web.js';

describe('signed-in reads', () => {
  let t: TestApp;
  let board: { slug: string };
  let operatorAdmin: TestUser;
  let asker: TestUser;
  let answerer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    operatorAdmin = await registerUser(t);
    const operator = await createOperator(t, admin, [operatorAdmin.handle]);
    board = await createBoard(t, operatorAdmin, operator.slug);
    [asker, answerer] = await Promise.all([registerUser(t), registerUser(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function threadWithAnswers(): Promise<string> {
    const question = await ask(t, asker, board.slug);
    for (let i = 0; i < 3; i++) {
      const posted = await answer(t, answerer, question.id, `Answer ${i}: restart the phone.`);
      await comment(t, asker, posted.id, `Thanks for answer ${i}`);
    }
    await afterCommitJobsDone(t); // the writes' insight jobs talk to the database too
    return question.id;
  }

  it('reads a signed-in GraphQL thread from a warm snapshot in at most 3 database commands', async () => {
    const threadId = await threadWithAnswers();
    const reader = await registerUser(t);
    await t.graphql(THREAD_PAGE, { id: threadId }, { token: asker.accessToken }); // builds the snapshot
    await t.graphql('{ me { id } }', {}, { token: reader.accessToken }); // this instance has seen the session
    const commands = await databaseCommandsDuring(t, async () => {
      const page = await t.graphql(THREAD_PAGE, { id: threadId }, { token: reader.accessToken });
      expect(page.errors).toBeUndefined();
      expect(page.data!.thread.answers.edges).toHaveLength(3);
    });
    // The reader's account, the thread row (is the snapshot current?) and their votes on its posts.
    expect(commands.sort()).toEqual(['find threads', 'find users', 'find votes']);
  });

  it('serves a signed-in thread page from a warm snapshot in at most 3 database commands', async () => {
    const threadId = await threadWithAnswers();
    const reader = await registerUser(t);
    const { url } = await webPage(t.baseUrl, `/t/${threadId}`, asker); // builds the snapshot and the page data
    await webPage(t.baseUrl, '/', reader); // the reader's session and header are known here
    let html = '';
    const commands = await databaseCommandsDuring(t, async () => {
      html = (await webPage(t.baseUrl, url, reader)).html;
    });
    expect(html).toContain('Answer 2: restart the phone.');
    expect(commands.sort()).toEqual(['find threads', 'find users', 'find votes']);
  });

  it('shows a notification in the header of the very next page, and its reading too', async () => {
    const reader = await registerUser(t);
    expect(unreadIn((await webPage(t.baseUrl, '/', reader)).html)).toBe(0);
    const question = await ask(t, reader, board.slug);
    await answer(t, answerer, question.id, 'Reset the network settings.');
    expect(unreadIn((await webPage(t.baseUrl, '/', reader)).html)).toBe(1);
    const read = await t.graphql('mutation { markNotificationsRead }', {}, { token: reader.accessToken });
    expect(read.errors).toBeUndefined();
    expect(unreadIn((await webPage(t.baseUrl, '/', reader)).html)).toBe(0);
  });

  it('shows staff links on the very next page after a role is granted, and not after it is removed', async () => {
    const reader = await registerUser(t);
    expect(hasStaffDesk((await webPage(t.baseUrl, '/', reader)).html)).toBe(false);
    expect((await setBoardRole(t, operatorAdmin, board.slug, reader.handle, 'MODERATOR')).errors).toBeUndefined();
    expect(hasStaffDesk((await webPage(t.baseUrl, '/', reader)).html)).toBe(true);
    expect((await setBoardRole(t, operatorAdmin, board.slug, reader.handle, null)).errors).toBeUndefined();
    expect(hasStaffDesk((await webPage(t.baseUrl, '/', reader)).html)).toBe(false);
  });

  it("shows the reader's own follow and unfollow on the very next thread page", async () => {
    const threadId = await threadWithAnswers();
    const reader = await registerUser(t);
    const { url, html } = await webPage(t.baseUrl, `/t/${threadId}`, reader);
    expect(html).toContain(`action="/t/${threadId}/follow"`);
    const followed = await t.graphql(
      'mutation ($id: ID!) { follow(input: { threadId: $id }) { createdAt } }',
      { id: threadId },
      { token: reader.accessToken },
    );
    expect(followed.errors).toBeUndefined();
    expect((await webPage(t.baseUrl, url, reader)).html).toContain(`action="/t/${threadId}/unfollow"`);
    const unfollowed = await t.graphql(
      'mutation ($id: ID!) { unfollow(input: { threadId: $id }) }',
      { id: threadId },
      { token: reader.accessToken },
    );
    expect(unfollowed.data?.unfollow).toBe(true);
    expect((await webPage(t.baseUrl, url, reader)).html).toContain(`action="/t/${threadId}/follow"`);
  });

  it('refuses a logged-out session on the very next request, though this instance had seen it open', async () => {
    const reader = await registerUser(t);
    const question = await ask(t, asker, board.slug);
    expect((await t.graphql('{ me { id } }', {}, { token: reader.accessToken })).errors).toBeUndefined();
    expect((await vote(t, reader, question.id, 'UP')).errors).toBeUndefined();
    expect((await t.graphql('mutation { logout }', {}, { token: reader.accessToken })).errors).toBeUndefined();
    const after = await t.graphql('{ me { id } }', {}, { token: reader.accessToken });
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0].extensions?.reason).toBe('SESSION_REVOKED');
  });
});
