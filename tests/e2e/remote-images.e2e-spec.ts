// Remote images in posts can track readers (issue #21): a board chooses to show them or to show
// links; private boards show links unless they choose otherwise. Applied in the API's HTML and
// on the site's thread page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPlatformAdmin, registerUser, STRONG_PASSWORD, type TestUser } from './support/accounts.js';
import { createBoard, createOperator, setBoardRole } from './support/boards.js';
import { answer, ask } from './support/threads.js';
import { clientsOn } from '../../apps/web/test/support/web-client.js';

const PIXEL = 'https://tracker.example/pixel.png';
const BODY = `Here is what the settings screen looks like: ![settings screen](${PIXEL})`;

describe('remote images in posts', () => {
  let t: TestApp;
  let operatorAdmin: TestUser;
  let author: TestUser;
  let operator: { slug: string };
  const { as } = clientsOn(() => t.baseUrl, '10.78.0');

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t);
    [operatorAdmin, author] = await Promise.all([registerUser(t), registerUser(t)]);
    operator = await createOperator(t, admin, [operatorAdmin.handle]);
  });
  afterAll(async () => {
    await t.close();
  });

  async function postWithImage(extra: Record<string, unknown>) {
    const board = await createBoard(t, operatorAdmin, operator.slug, extra);
    await setBoardRole(t, operatorAdmin, board.slug, author.handle, 'MEMBER');
    const q = await ask(t, author, board.slug, { title: 'Where is the roaming switch on this phone?' });
    await answer(t, author, q.id, BODY);
    const read = async () =>
      (
        await t.graphql(
          'query ($id: ID!) { thread(id: $id) { question { bodyHtml } answers { edges { node { bodyHtml } } } } }',
          { id: q.id },
          { token: author.accessToken },
        )
      ).data!.thread.answers.edges[0].node.bodyHtml as string;
    return { board, threadId: q.id, read };
  }

  it('shows remote images on a public board by default', async () => {
    const { read } = await postWithImage({});
    expect(await read()).toContain(`<img src="${PIXEL}"`);
  });

  it('shows links instead on a private board by default, in the API and on the site', async () => {
    const { threadId, read } = await postWithImage({ visibility: 'PRIVATE' });
    const html = await read();
    expect(html).not.toContain('<img');
    expect(html).toContain(`<a href="${PIXEL}" rel="nofollow ugc noopener" target="_blank">settings screen</a>`);
    const browser = await as(author, STRONG_PASSWORD);
    const short = await browser.get(`/t/${threadId}`); // redirects to the page's canonical address
    const page = await browser.get(new URL(short.location!, t.baseUrl).pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="${PIXEL}"`);
    expect(page.body).not.toContain(`src="${PIXEL}"`);
  });

  it("follows the board's choice, for posts written before it too", async () => {
    const { board, read } = await postWithImage({});
    const changed = await t.graphql(
      'mutation ($s: String!) { updateBoard(slug: $s, input: { settings: { content: { remoteImages: LINK } } }) { settings { content { remoteImages } } } }',
      { s: board.slug },
      { token: operatorAdmin.accessToken },
    );
    expect(changed.data?.updateBoard.settings.content.remoteImages).toBe('LINK');
    expect(await read()).not.toContain('<img');
  });
});
