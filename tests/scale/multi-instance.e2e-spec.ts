// Two API instances and a worker on one Redis and one standalone engine, all running jobs: live
// updates cross instances, a thread page read on one shows a change made on the other at once, a
// job runs once, rate limits are shared, schedules are not duplicated.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { login, registerUser, type TestUser } from '../e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../e2e/support/boards.js';
import { mailIn } from '../e2e/support/mail.js';
import type { TestApp } from '../e2e/support/test-app.js';
import { answer, ask, THREAD_PAGE, vote } from '../e2e/support/threads.js';
import { hasStaffDesk, unreadIn, webPage } from '../e2e/support/web.js';
import { type Cluster, eventually, hasRedis, REDIS_SERVER, startCluster } from './support/cluster.js';
import { clientOf, createAdminWithCli, signIn } from './support/client.js';
import { uniqueHandle } from '../e2e/support/accounts.js';
import { finishedJobs, openQueue, subscribersOf } from './support/queue.js';

if (!hasRedis) console.warn(`scale tests skipped: ${REDIS_SERVER} is not installed (apt-get install -y redis-server)`);
const describeWithRedis = hasRedis ? describe : describe.skip;

describeWithRedis('scale: two API instances and a worker on Redis', () => {
  let cluster: Cluster;
  let a: TestApp;
  let b: TestApp;
  let queue: Queue;
  let board: { slug: string };
  let asker: TestUser;
  let owner: TestUser;

  beforeAll(async () => {
    const adminHandle = uniqueHandle('admin');
    cluster = await startCluster({
      apis: 2,
      workers: 1,
      alongside: (shared) => createAdminWithCli(shared, adminHandle),
    });
    [a, b] = cluster.apis.map(clientOf);
    queue = openQueue(cluster.redis.url);
    const admin = await signIn(a, adminHandle);
    owner = await registerUser(a);
    const operator = await createOperator(a, admin, [owner.handle]);
    board = await createBoard(b, owner, operator.slug);
    asker = await registerUser(b);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a, b].map((t) => (t as unknown as { close(): Promise<void> }).close()));
    await queue?.close();
    await cluster?.close();
  });

  it('delivers a mutation made on one instance to a subscriber on the other', async () => {
    const question = await ask(a, asker, board.slug);
    const received: any[] = [];
    const ws = a.websocket();
    ws.subscribe(
      {
        query: 'subscription ($t: ID!) { threadActivity(threadId: $t) { kind threadId postId } }',
        variables: { t: question.id },
      },
      { next: (value) => void received.push(value.data), error: () => undefined, complete: () => undefined },
    );
    await eventually(
      'the subscription to reach Redis',
      async () => (await subscribersOf(cluster.redis.url, `thread-activity:${question.id}`)) > 0,
    );

    const answerer = await registerUser(b);
    const posted = await answer(b, answerer, question.id);

    const [event] = await eventually('the live update on instance A', async () => received.length > 0 && received);
    expect(event.threadActivity).toEqual({ kind: 'ANSWER_POSTED', threadId: question.id, postId: posted.id });
  });

  it("shows a change made through one instance on the other's very next signed-in read", async () => {
    const question = await ask(a, asker, board.slug);
    const reader = await registerUser(a);
    const read = async (on: TestApp) => {
      const page = await on.graphql(THREAD_PAGE, { id: question.id }, { token: reader.accessToken });
      expect(page.errors).toBeUndefined();
      return page.data!.thread;
    };
    // B holds a warm snapshot of the thread; the changes then go through A.
    expect((await read(b)).answerCount).toBe(0);
    expect((await read(b)).answerCount).toBe(0);
    const answerer = await registerUser(a);
    const posted = await answer(a, answerer, question.id);
    const afterAnswer = await read(b);
    expect(afterAnswer.answers.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([posted.id]);
    expect((await vote(a, reader, posted.id, 'UP')).errors).toBeUndefined();
    expect((await read(b)).answers.edges[0].node).toMatchObject({ score: 1, viewerVote: 'UP' });
  });

  it("shows a notification and a role granted through one instance in the other's very next page, and ends a session there at once", async () => {
    const reader = await registerUser(a);
    // B has the reader's session and header in memory.
    const before = (await webPage(b.baseUrl, '/', reader)).html;
    expect([unreadIn(before), hasStaffDesk(before)]).toEqual([0, false]);
    const question = await ask(a, reader, board.slug);
    await answer(a, await registerUser(a), question.id);
    expect(unreadIn((await webPage(b.baseUrl, '/', reader)).html)).toBe(1);
    expect((await setBoardRole(a, owner, board.slug, reader.handle, 'STAFF')).errors).toBeUndefined();
    expect(hasStaffDesk((await webPage(b.baseUrl, '/', reader)).html)).toBe(true);
    expect((await a.graphql('mutation { logout }', {}, { token: reader.accessToken })).errors).toBeUndefined();
    const after = await b.graphql('{ me { id } }', {}, { token: reader.accessToken });
    expect(after.errors?.[0].extensions?.reason).toBe('SESSION_REVOKED');
  });

  it('runs a job enqueued once exactly once while every process takes jobs', async () => {
    await a.graphql(
      'mutation { setNotificationPreference(kind: NEW_ANSWER, channel: EMAIL) { channel } }',
      {},
      { token: asker.accessToken },
    );
    const question = await ask(b, asker, board.slug, { title: 'Why does my bill show roaming charges at home?' });
    await answer(a, await registerUser(a), question.id);

    const mail = await eventually('the answer e-mail', async () => {
      const found = mailIn(cluster.dataDir).filter((m) => m.headers.to === asker.email && m.text.includes(question.id));
      return found.length > 0 && found;
    });
    expect(mail).toHaveLength(1);
    const jobs = (await queue.getJobs(['completed', 'active', 'wait', 'delayed', 'failed'])).filter(
      (job) => job.name === 'outbox.notification.email',
    );
    // Every e-mail job so far (this test's and none other) was processed by one process, one time.
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of await finishedJobs(queue, jobs)) {
      expect(await job.getState()).toBe('completed');
      expect(job.attemptsMade).toBe(1);
    }
  });

  it('awards a badge in a queued job, once', async () => {
    const question = await ask(a, asker, board.slug, { title: 'Can I keep my number when I move abroad?' });
    const answerer = await registerUser(b);
    const posted = await answer(b, answerer, question.id);
    const accepted = await a.graphql(
      'mutation ($a: ID!) { acceptAnswer(answerId: $a) { id } }',
      { a: posted.id },
      { token: asker.accessToken },
    );
    expect(accepted.errors).toBeUndefined();
    const badges = await eventually('the badge from the worker', async () => {
      const found = await b.graphql(
        'query ($h: String!, $s: String) { user(handle: $h) { badges(boardSlug: $s) { kind } } }',
        { h: answerer.handle, s: board.slug },
      );
      const kinds = (found.data?.user?.badges ?? []).map((badge: { kind: string }) => badge.kind);
      return kinds.length > 0 && kinds;
    });
    expect(badges).toEqual(['FIRST_ACCEPTED_ANSWER']);
    const jobs = (await queue.getJobs(['completed', 'active', 'wait', 'delayed', 'failed'])).filter(
      (job) => job.name === 'reputation.badges' && job.data.payload.userId === answerer.id,
    );
    expect(jobs.map((job) => job.data.payload.kind)).toContain('accepted');
    for (const job of await finishedJobs(queue, jobs)) expect(await job.getState()).toBe('completed');
  });

  it('shares login throttling across instances', async () => {
    const user = await registerUser(a);
    const from = { 'x-forwarded-for': '198.51.100.23' };
    // Five failures, alternating instances: one shared count reaches the limit (per instance it would be 3 and 2).
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await login(attempt % 2 ? b : a, user.handle, 'wrong password, try again', from);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await login(b, user.handle, undefined, from);
    expect(blocked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0].extensions?.reason).toBe('LOGIN_THROTTLED');
  });

  it('keeps one schedule per periodic job, however many processes scheduled it', async () => {
    const schedulers = await queue.getJobSchedulers();
    const names = schedulers.map((s) => s.key).sort();
    // One scheduler per job, whichever jobs the libs define (a new lib's job joins the list).
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['BountyExpiry', 'CommissionApprovalJob', 'EscalationJob']));
    // Three processes scheduled each job at start; each interval still has one run.
    const runs = (await queue.getJobs(['completed', 'active', 'wait', 'delayed'])).filter((job) =>
      job.name.startsWith('periodic.'),
    );
    for (const name of names) {
      const ofThis = runs.filter((job) => job.name === `periodic.${name}`);
      const slots = new Set(ofThis.map((job) => job.id));
      expect(slots.size).toBe(ofThis.length);
      // At most the run started on the first schedule and the next one waiting.
      expect(ofThis.filter((job) => job.finishedOn).length).toBeLessThanOrEqual(1);
    }
  });
});
