// The bounty form and the share action on the thread page, over HTTP: the domain's amounts and
// refusals shown beside the form, the open bounty shown once started; a permanent link to copy
// under every post, and staff's counted short links (shareAnswer) that land on the answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask, vote } from '../../../tests/e2e/support/threads.js';
import { clientsOn, type WebClient } from './support/web-client.js';

let t: TestApp;
let admin: TestUser;
let boardSlug: string;
const clients = clientsOn(() => t.baseUrl, '10.8.0');
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);

beforeAll(async () => {
  t = await startTestApp();
  admin = await createPlatformAdmin(t);
  const operator = await createOperator(t, admin, [admin.handle]);
  boardSlug = (await createBoard(t, admin, operator.slug)).slug;
});
afterAll(() => t.close());

async function threadPage(b: WebClient, threadId: string, query = '') {
  const first = await b.get(`/t/${threadId}${query}`);
  return first.status === 301 ? b.get(first.location!) : first;
}

describe('the bounty form', () => {
  it('offers the domain’s amounts and shows its refusals beside the form', async () => {
    const asker = await registerUser(t);
    const question = await ask(t, asker, boardSlug, { title: 'Bounty form: eSIM transfer fails' });
    const b = await as(asker);
    const page = await threadPage(b, question.id);
    const amounts = [...page.body.matchAll(/name="amount" value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(amounts).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);

    const poor = await b.post(`/t/${question.id}/bounty`, { amount: '50' });
    expect(poor.status).toBe(303);
    const refused = await b.get(poor.location!.replace(/#.*/, ''));
    expect(refused.body).toMatch(/id="rule-bounty">You do not have enough reputation for that\.</);
    const odd = await b.post(`/t/${question.id}/bounty`, { amount: '20' });
    expect((await b.get(odd.location!.replace(/#.*/, ''))).body).toMatch(/id="rule-bounty">[^<]*between 50 and 500/);
    expect((await threadPage(clients.browser(), question.id)).body).not.toContain('name="amount"');
  });

  it('starts a bounty for someone with the reputation, then shows it instead of the form', async () => {
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    const earning = await ask(t, helper, boardSlug, { title: 'Bounty form: how do I earn reputation?' });
    const earner = await answer(t, asker, earning.id, 'Answer questions well; upvotes give ten each.');
    for (const voter of await Promise.all(Array.from({ length: 6 }, () => registerUser(t))))
      await vote(t, voter, earner.id, 'UP');
    const question = await ask(t, asker, boardSlug, { title: 'Bounty form: roaming in Japan is slow' });
    const b = await as(asker);
    await threadPage(b, question.id);
    const anonymous = clients.browser();
    expect((await threadPage(anonymous, question.id)).body).not.toContain('Bounty: +50 reputation');
    const started = await b.post(`/t/${question.id}/bounty`, { amount: '50' });
    expect(started.status).toBe(303);
    expect(started.location).toBe(`/t/${question.id}#bounty-h`);
    const page = await threadPage(b, question.id);
    expect(page.body).toContain('Bounty: +50 reputation');
    expect(page.body).not.toContain('name="amount"');
    const again = await b.post(`/t/${question.id}/bounty`, { amount: '50' });
    expect(again.location).toContain('?rule=');

    // Everyone sees the open bounty, and no one once it is awarded (the shared page follows both).
    expect((await threadPage(anonymous, question.id)).body).toContain('Bounty: +50 reputation');
    const reply = await answer(t, helper, question.id, 'Switch the roaming network to SoftBank by hand.');
    const awarded = await t.graphql(
      'mutation ($a: ID!) { awardBounty(answerId: $a) { status } }',
      { a: reply.id },
      { token: asker.accessToken },
    );
    expect(awarded.errors).toBeUndefined();
    expect((await threadPage(anonymous, question.id)).body).not.toContain('Bounty: +50 reputation');
  });
});

describe('sharing', () => {
  it('gives every reader the post’s permanent link, with a copy button only the script shows', async () => {
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, boardSlug, { title: 'Share: voicemail PIN reset' });
    const reply = await answer(t, helper, question.id, 'Call 123 and choose option 4.');
    const page = await threadPage(clients.browser(), question.id);
    const link = new RegExp(`<input id="share-${reply.id}" readonly value="(http[^"]+#a-${reply.id})"`).exec(page.body);
    expect(link).not.toBeNull();
    expect(page.body).toContain(`<a href="${link![1]}">`);
    expect(page.body).toMatch(new RegExp(`data-copy="share-${reply.id}"[^>]*data-needs-script hidden`));
    expect(page.body).not.toContain(`action="/p/${reply.id}/share"`);
  });

  it('makes staff a counted short link that opens at the answer; others may not', async () => {
    const [asker, helper, rep] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    await setBoardRole(t, admin, boardSlug, rep.handle, 'STAFF');
    const question = await ask(t, asker, boardSlug, { title: 'Share: APN for MMS on prepaid' });
    const reply = await answer(t, helper, question.id, 'Use mms.example as the APN.');
    const staff = await as(rep);
    const page = await threadPage(staff, question.id);
    expect(page.body).toContain(`action="/p/${reply.id}/share"`);
    const made = await staff.post(`/p/${reply.id}/share`, { channel: 'SMS' });
    expect(made.status).toBe(200);
    const short = /id="short-url" readonly value="([^"]+)"/.exec(made.body)![1];
    expect(short).toMatch(/\/s\/[A-Za-z0-9]{8}$/);
    const opened = await fetch(`${t.baseUrl}${new URL(short).pathname}`, { redirect: 'manual' });
    expect(opened.headers.get('location')).toContain(`/t/${question.id}#a-${reply.id}`);

    const other = await as(asker);
    await threadPage(other, question.id);
    expect((await other.post(`/p/${reply.id}/share`, { channel: 'SMS' })).status).toBe(403);
  });
});
