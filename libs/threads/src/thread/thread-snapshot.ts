// One shared copy of what every reader of a thread page sees alike: the question, the first
// answers (hidden ones included, for moderators), their comments and their authors' accounts and
// board roles. Signed-in and anonymous readers share it; each request adds only the reader's own
// overlay (votes, follow state, role). See docs/speed.md.
//
// A snapshot is versioned by the thread row's `pageVersion`, which every change a page shows
// bumps in its own transaction. Readers fetch the thread row anyway (one read by _id), so a
// snapshot is used only while its version is the row's: a change committed through any instance
// shows on the next read everywhere, whether or not the invalidation broadcast has arrived yet.
// Snapshots live in the PublicQueryCache under the thread's tag, so the same invalidations drop
// them and its time limit bounds what no version covers (an author's name or role, the board).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { type LoaderHolder, PublicQueryCache } from '@helpboard/core';
import { type BoardRecord, BoardRole, BoardService, MembershipService } from '@helpboard/boards';
import { type UserRecord, UsersService } from '@helpboard/identity';
import { InTransactionHandlers } from '@helpboard/database';
import { CommentRepository } from '../comment/comment.repository.js';
import { CommentRecord } from '../comment/comment.schema.js';
import { CommentAdded } from '../events/thread-events.js';
import { PostRepository } from '../post/post.repository.js';
import { PostRecord } from '../post/post.schema.js';
import { ThreadChanged } from './thread-changed.js';
import { ThreadRepository } from './thread.repository.js';
import { ThreadRecord } from './thread.schema.js';

/** Answers kept: a first page of up to 100 plus the one that tells whether more follow. */
export const ANSWERS_IN_SNAPSHOT = 101;

export interface ThreadSnapshot {
  readonly threadId: string;
  /** The thread row's pageVersion this was built from. */
  readonly version: number;
  /** The thread row it was built from (its counters are as fresh as the snapshot). */
  readonly thread: ThreadRecord;
  readonly board: BoardRecord;
  readonly question: PostRecord | null;
  /** The first answers in page order, hidden ones included (only moderators may see those). */
  readonly answers: readonly PostRecord[];
  /** Whether `answers` are all the thread has. */
  readonly hasAllAnswers: boolean;
  /** Visible comments of the question and of every answer kept, by post id (empty lists too). */
  readonly comments: ReadonlyMap<string, CommentRecord[]>;
  /** Authors of the posts and comments, by user id. */
  readonly authors: ReadonlyMap<string, UserRecord>;
  /** Their roles on the board (absent: no role). */
  readonly roles: ReadonlyMap<string, BoardRole>;
}

export const threadTag = (threadId: string) => `thread:${threadId}`;
const snapshotKey = (threadId: string) => `threadSnapshot:${threadId}`;

/**
 * The first `limit` answers a reader sees, from the snapshot, or undefined when the snapshot
 * does not hold them all. `canSeeHidden` is asked only when a hidden answer is among them.
 */
export async function snapshotAnswers(
  snapshot: ThreadSnapshot,
  limit: number,
  canSeeHidden: () => Promise<boolean>,
): Promise<PostRecord[] | undefined> {
  let rows = snapshot.answers.slice(0, limit);
  if (rows.some((row) => row.hiddenAt) && !(await canSeeHidden())) {
    rows = snapshot.answers.filter((row) => !row.hiddenAt).slice(0, limit);
  }
  return rows.length >= limit || snapshot.hasAllAnswers ? rows : undefined;
}

/** GraphQL field resolvers find the snapshot their `thread` query used through the context. */
interface SnapshotHolder extends LoaderHolder {
  threadSnapshots?: Map<string, ThreadSnapshot>;
}

export function holdSnapshot(holder: SnapshotHolder, snapshot: ThreadSnapshot): void {
  (holder.threadSnapshots ??= new Map()).set(snapshot.threadId, snapshot);
}

export function heldSnapshot(holder: SnapshotHolder, threadId: string): ThreadSnapshot | undefined {
  return holder.threadSnapshots?.get(threadId);
}

/** A held snapshot of this board that knows this author. */
export function heldAuthor(
  holder: SnapshotHolder,
  boardId: string,
  userId: string,
): { user: UserRecord; role: BoardRole | null } | undefined {
  for (const snapshot of holder.threadSnapshots?.values() ?? []) {
    const user = snapshot.authors.get(userId);
    if (user && snapshot.board._id.toHexString() === boardId) return { user, role: snapshot.roles.get(userId) ?? null };
  }
  return undefined;
}

@Injectable()
export class ThreadSnapshots implements OnModuleInit {
  /** Builds under way, so concurrent readers of a changed thread wait for one build. */
  private readonly building = new Map<string, { version: number; snapshot: Promise<ThreadSnapshot> }>();

  constructor(
    private readonly cache: PublicQueryCache,
    private readonly inTransaction: InTransactionHandlers,
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly comments: CommentRepository,
    private readonly boards: BoardService,
    private readonly users: UsersService,
    private readonly memberships: MembershipService,
  ) {}

  onModuleInit(): void {
    // The version moves with the change, in its transaction: no reader can see the change with
    // the old version (and keep a stale snapshot), whichever instance it reads on.
    const bump = (event: { threadId: string }, tx: { session: Parameters<ThreadRepository['bumpPageVersion']>[1] }) =>
      this.threads.bumpPageVersion(new Types.ObjectId(event.threadId), tx.session);
    this.inTransaction.on(ThreadChanged, bump);
    this.inTransaction.on(CommentAdded, bump);
  }

  /** The snapshot of this (freshly read, visible) thread row's version. */
  async of(thread: ThreadRecord): Promise<ThreadSnapshot> {
    const threadId = thread._id.toHexString();
    const version = thread.pageVersion ?? 0;
    const cached = this.cache.get(snapshotKey(threadId)) as ThreadSnapshot | undefined;
    if (cached && cached.version === version) return cached;
    const pending = this.building.get(threadId);
    if (pending && pending.version === version) return pending.snapshot;
    const generation = this.cache.generation;
    const snapshot = this.build(thread, version);
    this.building.set(threadId, { version, snapshot });
    try {
      const built = await snapshot;
      // A newer version may be cached meanwhile; never replace it with an older one.
      const current = this.cache.get(snapshotKey(threadId)) as ThreadSnapshot | undefined;
      if (!current || current.version < version) {
        this.cache.set(snapshotKey(threadId), [threadTag(threadId)], built, generation);
      }
      return built;
    } finally {
      if (this.building.get(threadId)?.snapshot === snapshot) this.building.delete(threadId);
    }
  }

  private async build(thread: ThreadRecord, version: number): Promise<ThreadSnapshot> {
    const [board, [question], answers] = await Promise.all([
      this.boards.requireById(thread.boardId),
      this.posts.findByIds([thread._id]),
      this.posts.answers(thread._id, thread.boardId, ANSWERS_IN_SNAPSHOT, undefined, true),
    ]);
    const posts = question ? [question, ...answers] : answers;
    const comments = await this.comments.forPosts(posts.map((post) => post._id));
    for (const post of posts) if (!comments.has(post._id.toHexString())) comments.set(post._id.toHexString(), []);
    const authorIds = new Set(posts.map((post) => post.authorId.toHexString()));
    for (const list of comments.values()) for (const comment of list) authorIds.add(comment.authorId.toHexString());
    const [users, roles] = await Promise.all([
      this.users.findByIds([...authorIds]),
      this.memberships.rolesOnBoard(
        thread.boardId,
        [...authorIds].map((id) => new Types.ObjectId(id)),
      ),
    ]);
    return {
      threadId: thread._id.toHexString(),
      version,
      thread,
      board,
      question: question ?? null,
      answers,
      hasAllAnswers: answers.length < ANSWERS_IN_SNAPSHOT,
      comments,
      authors: new Map(users.map((user) => [user._id.toHexString(), user])),
      roles,
    };
  }
}
