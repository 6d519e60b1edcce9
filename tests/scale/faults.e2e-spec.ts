// Faults on the multi-instance setup: Redis, a worker and the database die and come back. Two
// API instances serve requests only (BACKGROUND_JOBS=off); workers run every job.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import type { Queue } from 'bullmq';
import { registerUser, type TestUser } from '../e2e/support/accounts.js';
import { createBoard, createOperator } from '../e2e/support/boards.js';
import { mailIn } from '../e2e/support/mail.js';
import type { TestApp } from '../e2e/support/test-app.js';
import { answer, ask } from '../e2e/support/threads.js';
import { type Cluster, eventually, freePort, hasRedis, Instance, startCluster } from './support/cluster.js';
import { clientOf, createAdminWithCli, signIn } from './support/client.js';
import { uniqueHandle } from '../e2e/support/accounts.js';
import { finishedJobs, openQueue, subscribersOf } from './support/queue.js';

const describeWithRedis = hasRedis ? describe : describe.skip;

describeWithRedis('scale faults', () => {
  let cluster: Cluster;
  let a: TestApp;
  let b: TestApp;
  let queue: Queue;
  let board: { slug: string };
  let worker: Instance;
  const statuses: number[] = [];

  const readiness = async (t: TestApp) => {
    const response = await fetch(`${t.baseUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  /** A user whose new answers are e-mailed, and the mails they have got about `threadId`. */
  const emailedAsker = async () => {
    const user = await registerUser(a);
    await a.graphql(
      'mutation { setNotificationPreference(kind: NEW_ANSWER, channel: EMAIL) { channel } }',
      {},
      { token: user.accessToken },
    );
    return user;
  };
  const mailsAbout = (user: TestUser, threadId: string) =>
    mailIn(cluster.dataDir).filter((m) => m.headers.to === user.email && m.text.includes(threadId));
  /** Answers through alternating instances, recording every HTTP status seen. */
  const answers = async (threadId: string, count: number) => {
    const answerers = await Promise.all(Array.from({ length: count }, (_, i) => registerUser(i % 2 ? b : a)));
    for (const [i, answerer] of answerers.entries())
      await answer(i % 2 ? a : b, answerer, threadId, `Answer ${i}: check the usage page in the app.`);
  };

  // The first worker's mail server accepts connections and never answers: its jobs hang in send.
  const sockets: Socket[] = [];
  const silentSmtp: Server = createServer((socket) => void sockets.push(socket));

  beforeAll(async () => {
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => silentSmtp.listen(smtpPort, '127.0.0.1', resolve));
    const adminHandle = uniqueHandle('admin');
    cluster = await startCluster({
      apis: 2,
      workers: 1,
      apiEnv: { BACKGROUND_JOBS: 'off' },
      workerEnv: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
      alongside: (shared) => createAdminWithCli(shared, adminHandle),
    });
    [worker] = cluster.workers;
    [a, b] = cluster.apis.map((instance) => {
      const client = clientOf(instance);
      const graphql = client.graphql.bind(client);
      client.graphql = (async (...args: Parameters<typeof graphql>) => {
        const response = await graphql(...args);
        statuses.push(response.status);
        return response;
      }) as typeof graphql;
      return client;
    });
    queue = openQueue(cluster.redis.url);
    const admin = await signIn(a, adminHandle);
    const owner = await registerUser(a);
    const operator = await createOperator(a, admin, [owner.handle]);
    board = await createBoard(b, owner, operator.slug);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a, b].map((t) => (t as unknown as { close(): Promise<void> }).close()));
    await queue?.disconnect();
    await worker?.kill();
    await cluster?.close();
    for (const socket of sockets) socket.destroy();
    silentSmtp.close();
    // No API response but readiness was a server error, whatever failed meanwhile.
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });

  it('retries the job of a worker killed in the middle of it, with its effect once', async () => {
    const asker = await emailedAsker();
    const question = await ask(a, asker, board.slug, { title: 'Is there a fee for a paper bill?' });
    await answers(question.id, 4);
    const active = await eventually('a worker in the middle of sending', async () => {
      const jobs = (await queue.getActive()).filter((job) => job.name === 'outbox.notification.email');
      return jobs.length > 0 && jobs;
    });
    await worker.kill('SIGKILL');

    worker = new Instance({ role: 'worker' }, cluster.shared);
    await worker.start();
    await eventually(
      'every e-mail, after the stalled jobs are retried',
      async () => mailsAbout(asker, question.id).length >= 4,
      40_000,
    );
    expect(mailsAbout(asker, question.id)).toHaveLength(4);
    for (const job of await finishedJobs(queue, active)) expect(await job.getState()).toBe('completed');
  }, 90_000);

  it('keeps reading and committing writes with Redis down, and catches up when it is back', async () => {
    const asker = await emailedAsker();
    // A live subscriber on A from before the outage.
    const live = await ask(a, asker, board.slug, { title: 'Does the outage page update itself?' });
    const received: any[] = [];
    a.websocket().subscribe(
      { query: 'subscription ($t: ID!) { threadActivity(threadId: $t) { kind } }', variables: { t: live.id } },
      { next: (value) => void received.push(value.data), error: () => undefined, complete: () => undefined },
    );
    await eventually(
      'the subscription to reach Redis',
      async () => (await subscribersOf(cluster.redis.url, `thread-activity:${live.id}`)) > 0,
    );
    await cluster.redis.stop();
    const degraded = await eventually('readiness to report Redis down', async () => {
      const ready = await readiness(a);
      return ready.body.checks.redis === 'down' && ready;
    });
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');

    const question = await ask(b, asker, board.slug, { title: 'Can I keep my number when I switch plans?' });
    await answers(question.id, 3);
    const page = await a.graphql('query ($id: ID!) { thread(id: $id) { id answerCount } }', { id: question.id });
    expect(page.data?.thread.answerCount).toBe(3);
    expect(mailsAbout(asker, question.id)).toHaveLength(0);

    await cluster.redis.start();
    await eventually('the e-mails held in the outbox', async () => mailsAbout(asker, question.id).length >= 3, 30_000);
    expect(mailsAbout(asker, question.id)).toHaveLength(3);
    await eventually('readiness to recover', async () => (await readiness(a)).body.status === 'ready');

    // The subscriber's instance subscribed again on reconnecting: live updates flow again.
    await eventually(
      'the re-subscription',
      async () => (await subscribersOf(cluster.redis.url, `thread-activity:${live.id}`)) > 0,
    );
    await answer(b, await registerUser(b), live.id);
    await eventually('the live update after the outage', async () => received.length > 0);
    expect(received[0].threadActivity.kind).toBe('ANSWER_POSTED');
  }, 60_000);

  it('keeps every acknowledged write when the database is killed and restarted', async () => {
    const asker = await registerUser(b);
    const acknowledged: { id: string; title: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const title = `Acknowledged question number ${i} about roaming`;
      acknowledged.push({ id: (await ask(i % 2 ? a : b, asker, board.slug, { title })).id, title });
    }
    await cluster.engine.stop();
    const down = await eventually('readiness to report the database down', async () => {
      const ready = await readiness(b);
      return ready.status === 503 && ready;
    });
    expect(down.body).toMatchObject({ status: 'unavailable', checks: { database: 'down' } });

    await cluster.engine.start();
    await eventually(
      'both instances to be ready again',
      async () => (await Promise.all([a, b].map(readiness))).every((ready) => ready.status === 200),
      30_000,
    );
    for (const t of [a, b]) {
      for (const question of acknowledged) {
        const read = await t.graphql('query ($id: ID!) { thread(id: $id) { title } }', { id: question.id });
        expect(read.data?.thread.title).toBe(question.title);
      }
    }
  }, 60_000);
});
