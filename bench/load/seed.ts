// Seeds the database the load benchmark's API instances share, through the services, then prints
// one JSON line: the boards, threads, answers (with their authors) and the users' access tokens.
import { type Actor, parseEnvironment, PlatformRole, toAppConfig } from '@helpboard/core';
import { actorOf } from '../support/bench-app.js';
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { AnswerService, ThreadsModule } from '@helpboard/threads';
import { createApp } from '../../apps/api/src/create-app.js';

export interface LoadSeed {
  boards: string[];
  threads: string[];
  /** Answers with their authors' index in `tokens` (nobody votes on their own post). */
  answers: { id: string; author: number }[];
  tokens: string[];
}

const users = Number(process.argv[2] ?? 100);
const threadsPerBoard = Number(process.argv[3] ?? 100);
const config = toAppConfig(
  parseEnvironment({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' }),
);
const app = await createApp({ ...config, runsBackgroundJobs: false });
await app.init();

const auth = app.get(AuthService);
const password = 'load benchmark passphrase 2026';
const admin = actorOf(
  await auth.createAccount({
    email: 'admin@load.test',
    handle: 'load-admin',
    password,
    platformRole: PlatformRole.Admin,
  }),
  PlatformRole.Admin,
);
const people: Actor[] = [];
const tokens: string[] = [];
for (let i = 0; i < users; i++) {
  const user = await auth.createAccount({ email: `u${i}@load.test`, handle: `load-user-${i}`, password });
  people.push(actorOf(user));
  tokens.push((await auth.startSession(user, { ip: '127.0.0.1' })).accessToken);
}
await app.get(OperatorService).createOperator({ slug: 'load-operator', name: 'Load Operator' });
const boards = ['load-board-a', 'load-board-b'];
for (const slug of boards) {
  await app.get(BoardService).createBoard(admin, {
    operatorSlug: 'load-operator',
    slug,
    title: `Board ${slug}`,
    kind: BoardKind.PRODUCT,
    // Seeded users are new accounts: let them vote and post at a load generator's pace.
    settings: {
      privileges: { upvote: 0, comment: 0 },
      moderation: { newUserUnderReputation: 0, reviewFirstPosts: 0 },
    },
  });
}

const threadsModule = app.select(ThreadsModule);
const { AskQuestionService } = await import('../../libs/threads/src/thread/ask-question.service.js');
const ask = threadsModule.get(AskQuestionService);
const answerService = app.get(AnswerService);
const seed: LoadSeed = { boards, threads: [], answers: [], tokens };
const topics = ['5g signal', 'roaming charges', 'esim transfer', 'data plan', 'voicemail setup', 'billing date'];
for (let i = 0; i < threadsPerBoard * boards.length; i++) {
  const topic = topics[i % topics.length];
  const thread = await ask.askQuestion(people[i % users], {
    boardSlug: boards[i % boards.length],
    title: `How do I fix ${topic} problem number ${i} on my phone?`,
    body: `Since last week my ${topic} does not work as expected. What should I check first? (${i})`,
    tags: [topic.split(' ')[0]],
  });
  seed.threads.push(thread._id.toHexString());
  for (let a = 1; a <= 3; a++) {
    const author = (i + a) % users;
    const answer = await answerService.postAnswer(
      people[author],
      thread._id.toHexString(),
      `Answer ${a}: restart the device, then check **Settings → ${topic}**. Worked for me.`,
    );
    seed.answers.push({ id: answer._id.toHexString(), author });
  }
}
await app.close();
process.stdout.write(`SEED ${JSON.stringify(seed)}\n`);
process.exit(0);
