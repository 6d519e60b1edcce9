// Cost of notifying followers: time to post an answer (its transaction, then the listeners that
// notify, track escalation and publish live updates) on a question only its asker follows, versus
// one that 40 and 500 users follow, in one run; prints the ratios. Up to 50 followers are told
// within the request; more through the outbox, whose delivery time is printed per follower.
import { performance } from 'node:perf_hooks';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import { type Actor, PlatformRole } from '@helpboard/core';
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { OutboxRelay } from '@helpboard/database';
import { FollowService, NOTIFICATION_FANOUT_TOPIC } from '@helpboard/notifications';
import { AnswerService } from '@helpboard/threads';
import { startBenchApp } from '../support/bench-app.js';

const FOLLOWERS = [0, 40, 500];
const ANSWERS = 30;

const started = await startBenchApp();
const { app, engine } = started;
await app.init();
const auth = app.get(AuthService);
const actorOf = (id: string, handle: string, platformRole = PlatformRole.User): Actor => ({
  userId: id,
  handle,
  platformRole,
  isSuspended: false,
  sessionId: '000000000000000000000000',
});
const adminRecord = await auth.createAccount({
  email: 'admin@bench.test',
  handle: 'bench-admin',
  password: 'benchmark passphrase 2026',
  platformRole: PlatformRole.Admin,
});
const admin = actorOf(adminRecord._id.toHexString(), adminRecord.handle, PlatformRole.Admin);
await app.get(OperatorService).createOperator({ slug: 'bench-operator', name: 'Bench Operator' });
await app.get(BoardService).createBoard(admin, {
  operatorSlug: 'bench-operator',
  slug: 'bench-board',
  title: 'Bench board',
  kind: BoardKind.REGION,
});
// Followers and the answerer never sign in: written in bulk rather than hashed one by one.
const users = app.get<Connection>(getConnectionToken()).collection('users');
const now = new Date();
const people = Array.from({ length: Math.max(...FOLLOWERS) + 1 }, (_, i) => ({
  _id: new Types.ObjectId(),
  email: `f${i}@bench.test`,
  handle: `bench-user-${i}`,
  handleKey: `bench-user-${i}`,
  passwordHash: null,
  displayName: `Bench user ${i}`,
  bio: '',
  locale: 'en',
  region: null,
  avatarUrl: null,
  platformRole: PlatformRole.User,
  suspendedUntil: null,
  createdAt: now,
  updatedAt: now,
}));
await users.insertMany(people);
const [answererRecord, ...rest] = people;
const followers = rest.map((person) => person._id.toHexString());
const answerer = actorOf(answererRecord._id.toHexString(), answererRecord.handle);

// The ask use case is not part of the threads lib's published surface; the bench reaches in.
const { AskQuestionService } = await import('../../libs/threads/src/thread/ask-question.service.js');
const asking = app.get(AskQuestionService);
const answering = app.get(AnswerService);
const follows = app.get(FollowService);

const relay = app.get(OutboxRelay);
/** Delivers every outbox message due (the background poll may be draining too). */
async function drained(): Promise<number> {
  const start = performance.now();
  while ((await relay.lag(NOTIFICATION_FANOUT_TOPIC)).pending > 0) await relay.nudge();
  return performance.now() - start;
}
const results: { followers: number; medianMs: number; fanOutMsPerFollower: number | null }[] = [];
for (const count of FOLLOWERS) {
  const thread = await asking.askQuestion(admin, {
    boardSlug: 'bench-board',
    title: `A question followed by ${count} people`,
    body: 'How do I check the data left on my plan this month?',
    tags: ['data'],
  });
  for (const id of followers.slice(0, count)) await follows.followOwnThread(id, thread._id.toHexString(), new Date());
  const times: number[] = [];
  let fanOutMs = 0;
  for (let i = 0; i < ANSWERS; i++) {
    const start = performance.now();
    await answering.postAnswer(answerer, thread._id.toHexString(), `Dial *100# and choose 2 (answer ${i}).`);
    times.push(performance.now() - start);
    // Outbox delivery measured apart, so the next answer does not compete with it.
    fanOutMs += await drained();
  }
  times.sort((a, b) => a - b);
  results.push({
    followers: count,
    medianMs: times[Math.floor(times.length / 2)],
    fanOutMsPerFollower: count > 50 ? fanOutMs / (count * ANSWERS) : null,
  });
}

const base = results[0].medianMs;
process.stdout.write(`notifications: median time to post an answer (${ANSWERS} answers each)\n`);
for (const r of results) {
  process.stdout.write(
    `${String(r.followers).padStart(4)} followers  ${r.medianMs.toFixed(1).padStart(7)} ms  ratio ${(r.medianMs / base).toFixed(2)}` +
      (r.fanOutMsPerFollower !== null
        ? `  + outbox delivery ${r.fanOutMsPerFollower.toFixed(2)} ms per follower and answer`
        : '') +
      '\n',
  );
}
await app.close();
await engine.stop();
