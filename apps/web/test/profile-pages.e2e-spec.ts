// The operator home's board list pages through many boards. A profile's additions: questions and answers with paging, member since, a coarse last seen,
// people reached — all limited to boards the viewer may read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ViewCounter } from '@helpboard/threads';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask } from '../../../tests/e2e/support/threads.js';
import { clientsOn } from './support/web-client.js';

let t: TestApp;
let operatorAdmin: TestUser;
let boardSlug: string;
let privateSlug: string;
const clients = clientsOn(() => t.baseUrl, '10.9.8');

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createPlatformAdmin(t);
  operatorAdmin = await registerUser(t);
  const operator = await createOperator(t, admin, [operatorAdmin.handle]);
  boardSlug = (await createBoard(t, operatorAdmin, operator.slug)).slug;
  privateSlug = (await createBoard(t, operatorAdmin, operator.slug, { visibility: 'PRIVATE' })).slug;
});
afterAll(() => t.close());

describe('profile', () => {
  it("lists a person's questions and answers with paging, and the people their posts reached", async () => {
    const [person, other] = await Promise.all([registerUser(t), registerUser(t)]);
    const titles = Array.from({ length: 11 }, (_, i) => `Question number ${i + 1} about my phone bill`);
    const asked = [];
    for (const title of titles) {
      asked.push(await ask(t, person, boardSlug, { title }));
      t.clock.advance(1000);
    }
    const theirs = await ask(t, other, boardSlug, { title: 'Why is my data used up so quickly?' });
    await answer(t, person, theirs.id, 'Background app refresh uses a lot of data.');
    await setBoardRole(t, operatorAdmin, privateSlug, person.handle, 'MEMBER');
    const secret = await ask(t, operatorAdmin, privateSlug, { title: 'Internal launch checklist for partners' });
    await answer(t, person, secret.id, 'Secret answer only staff should see.');
    const views = t.app.get(ViewCounter);
    for (let i = 0; i < 7; i++) views.record(theirs.id, `reader-${i}`);
    for (let i = 0; i < 5; i++) views.record(asked[0].id, `reader-${i}`);
    for (let i = 0; i < 100; i++) views.record(secret.id, `reader-${i}`);
    await views.flush();

    const page = await clients.browser().get(`/u/${person.handle}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Member since');
    expect(page.body).toContain('Seen today');
    // 7 + 5 readers of public threads they asked or answered; the private board's 100 stay hidden.
    expect(page.body).toContain('<strong>12</strong> people reached');
    expect(page.body).toContain('Question number 11 about my phone bill');
    expect(page.body).not.toContain('>Question number 1 about my phone bill<');
    expect(page.body).toContain('Why is my data used up so quickly?');
    expect(page.body).not.toContain('Internal launch checklist');
    const more = /href="([^"]*questions=[^"#]*)#questions"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const next = await clients.browser().get(more);
    expect(next.body).toContain('>Question number 1 about my phone bill<');
    expect(next.body).not.toContain('Question number 11 about my phone bill');

    // The API answers the same, through the same service.
    const api = await t.graphql(
      'query ($h: String!) { user(handle: $h) { peopleReached posts(kind: ANSWER, first: 5) { edges { node { threadId } } } } }',
      { h: person.handle },
    );
    expect(api.data?.user).toEqual({ peopleReached: 12, posts: { edges: [{ node: { threadId: theirs.id } }] } });

    const insider = await clients.as(operatorAdmin, STRONG_PASSWORD);
    const seenByInsider = (await insider.get(`/u/${person.handle}`)).body;
    expect(seenByInsider).toContain('Internal launch checklist');
    expect(seenByInsider).toContain('<strong>112</strong> people reached');
  });
});

describe('operator home', () => {
  it('pages through many boards by slug, keeping the highlights on the first page', async () => {
    const admin = await createPlatformAdmin(t);
    const operator = await createOperator(t, admin, [admin.handle]);
    for (let i = 0; i < 52; i++) await createBoard(t, admin, operator.slug);
    const first = await clients.browser().get(`/o/${operator.slug}`);
    const next = /href="(\/o\/[^"?]+\?after=[^"]+)"/.exec(first.body)![1];
    const second = await clients.browser().get(next);
    expect(second.status).toBe(200);
    const boardsOn = (body: string) => [...body.matchAll(/<li><a href="\/b\/([^"]+)">/g)].map((m) => m[1]);
    expect(boardsOn(first.body)).toHaveLength(50);
    expect(boardsOn(second.body)).toHaveLength(2);
    expect(boardsOn(second.body).every((slug) => !boardsOn(first.body).includes(slug))).toBe(true);
    expect(second.body).toContain(`href="/o/${operator.slug}">First boards</a>`);
    expect(second.body).not.toContain('rel="next"');
  });
});
