// A Helpboard process (API + site) on an in-memory engine with one thread of 30 answers, each
// with 2 comments, seeded through the services. /bench-info gives the thread page's path and the
// database round trips of building it once for an anonymous and for a signed-in reader (first
// and second page).
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { type Actor, PlatformRole } from '@helpboard/core';
import { BoardKind, BoardRole, BoardService, MembershipService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { AnswerService, AskQuestionService, CommentService } from '@helpboard/threads';
import { serveBenchApp, startBenchApp } from '../support/bench-app.js';
import { threadPath } from '../../apps/web/src/render/urls.js';

const started = await startBenchApp();
const { app } = started;
const info = { path: '', anonymousRoundTrips: 0, signedInRoundTrips: 0, signedInWarmRoundTrips: 0, readerCookie: '' };
const http = app.getHttpAdapter().getInstance() as {
  get(path: string, handler: (req: unknown, res: { json(v: unknown): void }) => void): void;
};
http.get('/bench-info', (_req, res) => res.json(info));
await app.init();

const auth = app.get(AuthService);
const password = 'benchmark passphrase 2026';
const account = async (handle: string, role = PlatformRole.User): Promise<Actor> => {
  const user = await auth.createAccount({ email: `${handle}@bench.test`, handle, password, platformRole: role });
  return { userId: user._id.toHexString(), handle, platformRole: role, isSuspended: false, sessionId: '0'.repeat(24) };
};
const admin = await account('web-admin', PlatformRole.Admin);
const people = await Promise.all(Array.from({ length: 12 }, (_, i) => account(`web-user-${i}`)));
const reader = await auth.createAccount({ email: 'web-reader@bench.test', handle: 'web-reader', password });
const session = await auth.startSession(reader, { ip: '127.0.0.1' });
info.readerCookie = `hb_at=${session.accessToken}; hb_rt=${session.refreshToken}`;

await app.get(OperatorService).createOperator({ slug: 'web-operator', name: 'Web Operator' });
await app.get(BoardService).createBoard(admin, {
  operatorSlug: 'web-operator',
  slug: 'web-board',
  title: 'Web board',
  kind: BoardKind.REGION,
  settings: { privileges: { comment: 0 } },
});
await app.get(MembershipService).setRole(admin, 'web-board', 'web-user-1', BoardRole.STAFF);
const thread = await app.get(AskQuestionService).askQuestion(people[0], {
  boardSlug: 'web-board',
  title: 'Why does my 5G signal drop in the metro every morning?',
  body: "Between People's Square and Jing'an Temple my phone falls back to 4G, then loses data.",
  tags: ['5g', 'metro'],
});
for (let i = 0; i < 30; i++) {
  const answer = await app
    .get(AnswerService)
    .postAnswer(
      people[1 + (i % 11)],
      thread._id.toHexString(),
      `Answer ${i}: **toggle airplane mode** at the station.`,
    );
  for (let c = 0; c < 2; c++)
    await app
      .get(CommentService)
      .addComment(people[(i + c) % 12], answer._id.toHexString(), `Comment ${c}: same here.`);
}
info.path = threadPath({ id: thread._id.toHexString(), title: thread.title });

await serveBenchApp(started, async (url) => {
  const client = app.get<Connection>(getConnectionToken()).getClient();
  const measure = async (headers: Record<string, string>) => {
    let count = 0;
    const listener = () => count++;
    client.on('commandStarted', listener);
    await (await fetch(`${url}${info.path}`, { headers })).text();
    client.off('commandStarted', listener);
    return count;
  };
  info.anonymousRoundTrips = await measure({});
  info.signedInRoundTrips = await measure({ cookie: info.readerCookie });
  // The reader's next page: their session and header are known, the snapshot is warm.
  info.signedInWarmRoundTrips = await measure({ cookie: info.readerCookie });
});
