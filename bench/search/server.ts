// A Helpboard process whose board holds SIZE threads (written straight to the collections, then
// indexed with the same documents), for measuring the GraphQL `search` path.
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import { PlatformRole } from '@helpboard/core';
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { SearchPort } from '@helpboard/search';
import { serveBenchApp, startBenchApp } from '../support/bench-app.js';
import { syntheticDocuments } from './documents.js';

const size = Number(process.argv[2] ?? 10_000);
const started = await startBenchApp();
const { app } = started;
await app.init();
const admin = await app.get(AuthService).createAccount({
  email: 'a@bench.test',
  handle: 'bench-admin',
  password: 'benchmark passphrase 2026',
  platformRole: PlatformRole.Admin,
});
await app.get(OperatorService).createOperator({ slug: 'bench-operator', name: 'Bench' });
const actor = {
  userId: admin._id.toHexString(),
  handle: admin.handle,
  platformRole: PlatformRole.Admin,
  isSuspended: false,
  sessionId: '0'.repeat(24),
};
const board = await app
  .get(BoardService)
  .createBoard(actor, { operatorSlug: 'bench-operator', slug: 'bench-board', title: 'Bench', kind: BoardKind.PRODUCT });

const ids = Array.from({ length: size }, () => new Types.ObjectId());
const documents = syntheticDocuments(
  size,
  'bench-board',
  ids.map((id) => id.toHexString()),
);
const threads = app.get<Connection>(getConnectionToken()).collection('threads');
for (let start = 0; start < size; start += 5_000) {
  await threads.insertMany(
    documents.slice(start, start + 5_000).map((doc, j) => ({
      _id: ids[start + j],
      boardId: board._id,
      authorId: admin._id,
      title: doc.title,
      tags: doc.tags,
      status: 'OPEN',
      closeReason: null,
      duplicateOfId: null,
      isLocked: false,
      isPinned: false,
      acceptedAnswerId: null,
      officialAnswerId: null,
      score: doc.score,
      answerCount: doc.answerCount,
      viewCount: 0,
      hiddenAt: null,
      lastActivityAt: doc.lastActivityAt,
      createdAt: doc.createdAt,
      updatedAt: doc.createdAt,
    })),
  );
}
await app.get(SearchPort).index(documents);
await serveBenchApp(started);
