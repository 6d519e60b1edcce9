// Everything a thread page shows, read in a few parallel rounds through the domain services:
// (1) the thread with its board and the reader's access; (2) question, answers, board, operator;
// (3) comments, authors, their roles, badges and reputation, referral disclosures, the reader's
// votes, related questions and a duplicate's original, all at once.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, DomainError, PublicQueryCache } from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  BoardRole,
  BoardService,
  MembershipService,
  OperatorService,
  type BoardRecord,
} from '@helpboard/boards';
import { type UserRecord, UsersService } from '@helpboard/identity';
import { BadgeKind, BadgeService, ReputationReader } from '@helpboard/reputation';
import { FollowService } from '@helpboard/notifications';
import { ReferralDisclosures } from '@helpboard/referrals';
import { SearchPort } from '@helpboard/search';
import {
  type CommentRecord,
  type PostRecord,
  type ThreadRecord,
  ThreadPageReader,
  ThreadQueryService,
} from '@helpboard/threads';

/** Answers shown on one page; beyond this the page links to the next ones. */
export const ANSWERS_PER_PAGE = 50;
/** The last answers page a URL may ask for (?answers=N): bounds the database's skip. */
export const MAX_ANSWER_PAGES = 100;
const RELATED = 5;

export interface AuthorCard {
  user: UserRecord;
  role: BoardRole | null;
  isStaff: boolean;
  reputation: number;
  badges: { kind: BadgeKind; tier: string }[];
  isOfficialExpert: boolean;
}

export interface ThreadPageData {
  thread: ThreadRecord;
  board: BoardRecord;
  operator: { slug: string; name: string } | null;
  question: PostRecord;
  answers: PostRecord[];
  /** Which page of answers this is (1 = the first ANSWERS_PER_PAGE). */
  answerPage: number;
  hasMoreAnswers: boolean;
  comments: Map<string, CommentRecord[]>;
  authors: Map<string, AuthorCard>;
  disclosures: Set<string>;
  viewerVotes: Map<string, 1 | -1>;
  viewerRole: BoardRole | null;
  /** Whether the reader follows the thread (false for anonymous readers). */
  viewerFollows: boolean;
  related: { id: string; title: string }[];
  duplicateOf: { id: string; title: string } | null;
}

@Injectable()
export class ThreadPageLoader {
  constructor(
    private readonly queries: ThreadQueryService,
    private readonly pages: ThreadPageReader,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly access: BoardAccessService,
    private readonly memberships: MembershipService,
    private readonly users: UsersService,
    private readonly badges: BadgeService,
    private readonly reputation: ReputationReader,
    private readonly disclosures: ReferralDisclosures,
    private readonly search: SearchPort,
    private readonly cache: PublicQueryCache,
    private readonly follows: FollowService,
  ) {}

  /**
   * The page for this reader. What every reader without moderation rights sees alike (posts,
   * comments, authors, related questions of a public board) is read once and shared through the
   * public query cache until the thread changes; only the reader's own votes and role are read
   * per request. Moderators (who also see hidden answers) always get a fresh read.
   */
  async load(actor: Actor | null, threadId: string, answerPage = 1): Promise<ThreadPageData | null> {
    if (!actor) return this.shared(threadId, answerPage);
    const thread = await this.queries.getThread(actor, threadId);
    const role = await this.access.roleOf(actor, { _id: thread.boardId });
    if (role === BoardRole.MODERATOR || role === BoardRole.OWNER) return this.read(actor, thread, answerPage);
    const shared = await this.shared(threadId, answerPage).catch((error: unknown) => {
      if (error instanceof DomainError) return undefined; // a private board: nothing to share
      throw error;
    });
    if (shared === undefined) return this.read(actor, thread, answerPage);
    if (shared === null) return null;
    const postIds = [shared.question, ...shared.answers].map((p) => p._id.toHexString());
    const [viewerVotes, viewerFollows] = await Promise.all([
      this.pages.viewerVotes(actor.userId, postIds),
      this.follows.isFollowingThread(actor.userId, threadId),
    ]);
    return { ...shared, viewerVotes, viewerRole: role, viewerFollows };
  }

  private async shared(threadId: string, answerPage: number): Promise<ThreadPageData | null> {
    const key = `web:threadData:${threadId}:${answerPage}`;
    const hit = this.cache.get(key) as ThreadPageData | null | undefined;
    if (hit !== undefined) return hit;
    const generation = this.cache.generation;
    const data = await this.read(null, await this.queries.getThread(null, threadId), answerPage);
    this.cache.set(key, [`thread:${threadId}`], data, generation);
    return data;
  }

  /** A page past the answers there are is no page (null), as an unknown thread. */
  private async read(actor: Actor | null, thread: ThreadRecord, answerPage: number): Promise<ThreadPageData | null> {
    const id = thread._id.toHexString();
    const [question, answerRows, board] = await Promise.all([
      this.pages.question(id),
      this.queries.answers(
        actor,
        { id, boardId: thread.boardId.toHexString() },
        ANSWERS_PER_PAGE + 1,
        null,
        (answerPage - 1) * ANSWERS_PER_PAGE,
      ),
      this.boards.requireById(thread.boardId),
    ]);
    if (!question || (answerPage > 1 && answerRows.rows.length === 0)) return null;
    const answers = answerRows.rows.slice(0, ANSWERS_PER_PAGE);
    const posts = [question, ...answers];
    const postIds = posts.map((p) => p._id.toHexString());
    const [operator, comments, disclosures, viewerVotes, viewerRole, viewerFollows, related, duplicateOf] =
      await Promise.all([
        this.operators.findByIds([board.operatorId]).then(([o]) => (o ? { slug: o.slug, name: o.name } : null)),
        this.pages.commentsFor(postIds),
        this.disclosures.postsWithLinks(postIds),
        actor ? this.pages.viewerVotes(actor.userId, postIds) : Promise.resolve(new Map<string, 1 | -1>()),
        actor ? this.access.roleOf(actor, board) : Promise.resolve(null),
        actor ? this.follows.isFollowingThread(actor.userId, id) : Promise.resolve(false),
        this.relatedTo(actor, thread, board),
        thread.duplicateOfId ? this.titleOf(actor, thread.duplicateOfId.toHexString()) : Promise.resolve(null),
      ]);
    const authorIds = new Set(posts.map((p) => p.authorId.toHexString()));
    for (const list of comments.values()) for (const c of list) authorIds.add(c.authorId.toHexString());
    const authors = await this.authorCards(board, [...authorIds]);
    return {
      thread,
      board,
      operator,
      question,
      answers,
      answerPage,
      hasMoreAnswers: answerRows.rows.length > ANSWERS_PER_PAGE,
      comments,
      authors,
      disclosures,
      viewerVotes,
      viewerRole,
      viewerFollows,
      related,
      duplicateOf,
    };
  }

  /** Author cards of a board: one query each for users, roles, badges and reputation. */
  async authorCards(board: BoardRecord, userIds: string[]): Promise<Map<string, AuthorCard>> {
    const objectIds = userIds.map((id) => new Types.ObjectId(id));
    const [users, roles, badges, reputation] = await Promise.all([
      this.users.findByIds(userIds),
      this.memberships.rolesOnBoard(board._id, objectIds),
      this.badges.activeFor(objectIds, board._id),
      this.reputation.usersOnBoard(board._id, userIds),
    ]);
    const cards = new Map<string, AuthorCard>();
    for (const user of users) {
      const id = user._id.toHexString();
      const role = roles.get(id) ?? null;
      const own = badges.filter((b) => b.userId.equals(user._id));
      cards.set(id, {
        user,
        role,
        isStaff: role === BoardRole.STAFF,
        reputation: reputation.get(id) ?? 1,
        badges: own.map((b) => ({ kind: b.kind, tier: b.tier })),
        isOfficialExpert: own.some((b) => b.kind === BadgeKind.OFFICIAL_EXPERT),
      });
    }
    return cards;
  }

  private async relatedTo(actor: Actor | null, thread: ThreadRecord, board: BoardRecord) {
    const hits = await this.search.suggest(thread.title, board.slug, RELATED + 1);
    const ids = hits.map((h) => h.id).filter((id) => !thread._id.equals(id));
    const visible = await this.queries.visibleThreads(actor, ids.slice(0, RELATED));
    return visible.map((t) => ({ id: t._id.toHexString(), title: t.title }));
  }

  private async titleOf(actor: Actor | null, threadId: string) {
    const [original] = await this.queries.visibleThreads(actor, [threadId]);
    return original ? { id: threadId, title: original.title } : null;
  }

  /** Whether the reader may see this board at all (for pages that list its threads). */
  canView(actor: Actor | null, board: BoardRecord): Promise<boolean> {
    return this.access.can(actor, BoardAction.View, board);
  }
}
