// A Helpboard process on an in-memory engine with one thread of 30 answers and 60 comments,
// seeded through the services; /bench-info reports the thread id, its page's round trips (built,
// and signed in on the warm snapshot) and a signed-in reader's access token.
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { PlatformRole } from '@helpboard/core';
import { BoardKind, BoardService, MembershipService, OperatorService, BoardRole } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { AnswerService, ThreadsModule } from '@helpboard/threads';
import { actorOf, serveBenchApp, startBenchApp } from '../support/bench-app.js';

const started = await startBenchApp();
const { app } = started;
const info = { threadId: '', roundTrips: 0, signedInRoundTrips: 0, readerToken: '' };
// A plain Express route, registered before Nest adds its not-found handler at init.
const http = app.getHttpAdapter().getInstance() as {
  get(path: string, handler: (req: unknown, res: { json(v: unknown): void }) => void): void;
};
http.get('/bench-info', (_req, res) => res.json(info));
await app.init();

const auth = app.get(AuthService);
const password = 'benchmark passphrase 2026';
const admin = actorOf(
  await auth.createAccount({
    email: 'admin@bench.test',
    handle: 'bench-admin',
    password,
    platformRole: PlatformRole.Admin,
  }),
  PlatformRole.Admin,
);
const reader = await auth.createAccount({ email: 'reader@bench.test', handle: 'bench-reader', password });
info.readerToken = (await auth.startSession(reader, { ip: '127.0.0.1' })).accessToken;
const people = [];
for (let i = 0; i < 12; i++)
  people.push(actorOf(await auth.createAccount({ email: `u${i}@bench.test`, handle: `bench-user-${i}`, password })));
await app.get(OperatorService).createOperator({ slug: 'bench-operator', name: 'Bench Operator' });
await app.get(BoardService).createBoard(admin, {
  operatorSlug: 'bench-operator',
  slug: 'bench-board',
  title: 'Bench board',
  kind: BoardKind.REGION,
  // Seeded commenters are new accounts: let them comment without earning reputation first.
  settings: { privileges: { comment: 0 } },
});
await app.get(MembershipService).setRole(admin, 'bench-board', 'bench-user-1', BoardRole.STAFF);

const threads = app.select(ThreadsModule);
const { AskQuestionService } = await import('../../libs/threads/src/thread/ask-question.service.js');
const { CommentService } = await import('../../libs/threads/src/comment/comment.service.js');
const thread = await threads.get(AskQuestionService).askQuestion(people[0], {
  boardSlug: 'bench-board',
  title: 'Why does my 5G signal drop in the metro every morning?',
  body: "Between People's Square and Jing'an Temple my phone falls back to 4G and then loses data entirely.",
  tags: ['5g', 'signal', 'metro'],
});
const answers = app.get(AnswerService);
const comments = threads.get(CommentService);
for (let i = 0; i < 30; i++) {
  const posted = await answers.postAnswer(
    people[1 + (i % 11)],
    thread._id.toHexString(),
    `Answer ${i}: **toggle airplane mode** when you enter the station; coverage is being upgraded.`,
  );
  for (let c = 0; c < 2; c++)
    await comments.addComment(
      people[(i + c) % 12],
      posted._id.toHexString(),
      `Comment ${c} on answer ${i}: same here.`,
    );
}

const threadQuery = `{ thread(id: "${thread._id.toHexString()}") { id answers(first: 50) { edges { node { id author { user { handle } isStaff } comments { author { user { handle } } } } } } } }`;
info.threadId = thread._id.toHexString();
await serveBenchApp(started, async (url) => {
  const client = app.get<Connection>(getConnectionToken()).getClient();
  const read = (headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: threadQuery }),
    }).then((response) => response.text());
  const countWhile = async (work: () => Promise<unknown>) => {
    let count = 0;
    // Background work (outbox polling) talks to the database now and then: only the page's own count.
    const listener = (event: { command: Record<string, unknown>; commandName: string }) => {
      if (event.command[event.commandName] !== 'outbox') count++;
    };
    client.on('commandStarted', listener);
    await work();
    client.off('commandStarted', listener);
    return count;
  };
  info.roundTrips = await countWhile(() => read());
  // A signed-in read on the warm snapshot, after the reader's first request.
  const signedIn = { authorization: `Bearer ${info.readerToken}` };
  await read(signedIn);
  info.signedInRoundTrips = await countWhile(() => read(signedIn));
});
