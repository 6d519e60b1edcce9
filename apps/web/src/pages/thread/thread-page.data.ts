// Everything a thread page shows, read in a few parallel rounds through the domain services:
// (1) the thread with its board and the reader's access; (2) question, answers, board, operator;
// (3) comments, authors, their roles, badges and reputation, referral disclosures, the reader's
// votes, related questions and a duplicate's original, all at once.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, PublicQueryCache } from '@helpboard/core';
import {
  BoardAccessService,
  BoardAction,
  BoardRole,
  BoardService,
  BoardVisibility,
  MembershipService,
  OperatorService,
  type BoardRecord,
} from '@helpboard/boards';
import { type UserRecord, UsersService } from '@helpboard/identity';
import { BadgeKind, BadgeService, type BountyRecord, BountyService, ReputationReader } from '@helpboard/reputation';
import { FollowService } from '@helpboard/notifications';
import { ReferralDisclosures } from '@helpboard/referrals';
import { SearchPort } from '@helpboard/search';
import { type SupportCaseRecord, SupportCaseService } from '@helpboard/insights';
import {
  type CommentRecord,
  type PostRecord,
  type ThreadRecord,
  type ThreadSnapshot,
  ThreadPageReader,
  ThreadQueryService,
} from '@helpboard/threads';
import type { ViewerState } from '../../http/viewer-state.js';

/** Answers shown on one page; beyond this the page links to the next ones. */
export const ANSWERS_PER_PAGE = 50;
/** The last answers page a URL may ask for (?answers=N): bounds the database's skip. */
export const MAX_ANSWER_PAGES = 100;
const RELATED = 5;

/** Everyone whose card the page shows: the posts' authors and their comments' authors, once each. */
function authorIdsOf(
  posts: readonly { authorId: Types.ObjectId }[],
  comments: ReadonlyMap<string, readonly { authorId: Types.ObjectId }[]>,
): string[] {
  const ids = new Set(posts.map((p) => p.authorId.toHexString()));
  for (const list of comments.values()) for (const c of list) ids.add(c.authorId.toHexString());
  return [...ids];
}

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
  /** The reader's role on the board: any role on pages read afresh, a staff role (or null) on shared ones. */
  viewerRole: BoardRole | null;
  /** Whether the reader follows the thread (false for anonymous readers). */
  viewerFollows: boolean;
  related: { id: string; title: string }[];
  duplicateOf: { id: string; title: string } | null;
  /** The thread's support case, as of the page's data (its state may have moved since). */
  supportCase: SupportCaseRecord | null;
  /** The question's open bounty (starting, awarding and expiring one move the thread's version). */
  bounty: BountyRecord | null;
  /** The render time for signed-in readers (comment edit windows); absent on shared renderings. */
  now?: Date;
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
    private readonly cases: SupportCaseService,
    private readonly bounties: BountyService,
  ) {}

  /** The viewer-independent page built from each snapshot, dropped with the snapshot. */
  private readonly fromSnapshots = new WeakMap<ThreadSnapshot, Promise<ThreadPageData | undefined>>();

  /**
   * The page for this reader. The first answers page of a public board is built once per
   * thread snapshot (libs/threads: shared by every reader, current by the thread's version) and
   * every reader adds only their overlay: their votes, role and follow state. Moderators (who
   * also see hidden answers), private boards and later answers pages are read afresh, with the
   * later pages of anonymous readers shared through the public query cache. With the reader's
   * ViewerState (current by their account's version), the overlay is one query: their votes.
   */
  async load(
    actor: Actor | null,
    threadId: string,
    answerPage = 1,
    state: ViewerState | null = null,
  ): Promise<ThreadPageData | null> {
    const { thread, snapshot } = await this.queries.threadPage(actor, threadId);
    const board = snapshot.board;
    // The reader's overlay is read alongside the role: the votes on every post the snapshot holds.
    const [role, overlay] = await Promise.all([
      !actor ? null : state ? (state.teamRoles.get(board._id.toHexString()) ?? null) : this.access.roleOf(actor, board),
      actor && answerPage === 1 ? this.overlayOf(actor, snapshot, state) : Promise.resolve(null),
    ]);
    if (role === BoardRole.MODERATOR || role === BoardRole.OWNER || board.visibility !== BoardVisibility.PUBLIC) {
      return this.read(actor, thread, answerPage);
    }
    const shared = answerPage === 1 ? await this.sharedFrom(snapshot) : await this.sharedPage(thread, answerPage);
    if (shared === undefined) return this.read(actor, thread, answerPage);
    if (shared === null || !actor) return shared;
    const { votes, follows } =
      overlay ?? (await this.overlayOf(actor, snapshot, state, [shared.question, ...shared.answers]));
    return { ...shared, viewerVotes: votes, viewerRole: role, viewerFollows: follows };
  }

  /** The reader's votes on these posts (by default the snapshot's) and whether they follow the thread. */
  private async overlayOf(
    actor: Actor,
    snapshot: ThreadSnapshot,
    state: ViewerState | null,
    posts: readonly PostRecord[] = [...(snapshot.question ? [snapshot.question] : []), ...snapshot.answers],
  ) {
    const postIds = posts.map((post) => post._id.toHexString());
    const followed = state?.followedThreads;
    const [votes, follows] = await Promise.all([
      this.pages.viewerVotes(actor.userId, postIds),
      followed ? followed.has(snapshot.threadId) : this.follows.isFollowingThread(actor.userId, snapshot.threadId),
    ]);
    return { votes, follows };
  }

  private sharedFrom(snapshot: ThreadSnapshot): Promise<ThreadPageData | undefined> {
    let data = this.fromSnapshots.get(snapshot);
    if (!data) {
      data = this.buildShared(snapshot);
      this.fromSnapshots.set(snapshot, data);
      data.catch(() => this.fromSnapshots.delete(snapshot));
    }
    return data;
  }

  /** The first answers page as any reader without moderation rights sees it (undefined: not in the snapshot). */
  private async buildShared(snapshot: ThreadSnapshot): Promise<ThreadPageData | undefined> {
    const { thread, board, question } = snapshot;
    const rows = await this.queries.answersFromSnapshot(null, snapshot, ANSWERS_PER_PAGE + 1);
    if (!question || !rows) return undefined;
    const answers = rows.slice(0, ANSWERS_PER_PAGE);
    const posts = [question, ...answers];
    const postIds = posts.map((p) => p._id.toHexString());
    const comments = new Map(postIds.map((id) => [id, snapshot.comments.get(id) ?? []]));
    const users = authorIdsOf(posts, comments).flatMap((id) => snapshot.authors.get(id) ?? []);
    // A case opened moves the thread's version (a new snapshot); its later states do not.
    const [operator, disclosures, related, duplicateOf, authors, [supportCase], bounty] = await Promise.all([
      this.operatorOf(board),
      this.disclosures.postsWithLinks(postIds),
      this.relatedTo(null, thread, board),
      thread.duplicateOfId ? this.titleOf(null, thread.duplicateOfId.toHexString()) : Promise.resolve(null),
      this.cards(board, users, snapshot.roles),
      this.cases.casesOf([snapshot.threadId]),
      this.bounties.openBountyOn(thread._id),
    ]);
    return {
      thread,
      board,
      operator,
      question,
      answers,
      answerPage: 1,
      hasMoreAnswers: rows.length > ANSWERS_PER_PAGE,
      comments,
      authors,
      disclosures,
      viewerVotes: new Map(),
      viewerRole: null,
      viewerFollows: false,
      related,
      duplicateOf,
      supportCase: supportCase ?? null,
      bounty,
    };
  }

  /** A later answers page as anonymous readers see it, shared through the public query cache. */
  private async sharedPage(thread: ThreadRecord, answerPage: number): Promise<ThreadPageData | null> {
    const threadId = thread._id.toHexString();
    const key = `web:threadData:${threadId}:${answerPage}`;
    const hit = this.cache.get(key) as ThreadPageData | null | undefined;
    if (hit !== undefined) return hit;
    const generation = this.cache.generation;
    const data = await this.read(null, thread, answerPage);
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
    const [
      operator,
      comments,
      disclosures,
      viewerVotes,
      viewerRole,
      viewerFollows,
      related,
      duplicateOf,
      cases,
      bounty,
    ] = await Promise.all([
      this.operatorOf(board),
      this.pages.commentsFor(postIds),
      this.disclosures.postsWithLinks(postIds),
      actor ? this.pages.viewerVotes(actor.userId, postIds) : Promise.resolve(new Map<string, 1 | -1>()),
      actor ? this.access.roleOf(actor, board) : Promise.resolve(null),
      actor ? this.follows.isFollowingThread(actor.userId, id) : Promise.resolve(false),
      this.relatedTo(actor, thread, board),
      thread.duplicateOfId ? this.titleOf(actor, thread.duplicateOfId.toHexString()) : Promise.resolve(null),
      this.cases.casesOf([id]),
      this.bounties.openBountyOn(thread._id),
    ]);
    const authors = await this.authorCards(board, authorIdsOf(posts, comments));
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
      supportCase: cases[0] ?? null,
      bounty,
    };
  }

  private async operatorOf(board: BoardRecord) {
    const [operator] = await this.operators.findByIds([board.operatorId]);
    return operator ? { slug: operator.slug, name: operator.name } : null;
  }

  /** Author cards of a board: one query each for users, roles, badges and reputation. */
  async authorCards(board: BoardRecord, userIds: string[]): Promise<Map<string, AuthorCard>> {
    const [users, roles] = await Promise.all([
      this.users.findByIds(userIds),
      this.memberships.rolesOnBoard(
        board._id,
        userIds.map((id) => new Types.ObjectId(id)),
      ),
    ]);
    return this.cards(board, users, roles);
  }

  /** Cards for these accounts with their roles: one query each for badges and reputation. */
  private async cards(
    board: BoardRecord,
    users: readonly UserRecord[],
    roles: ReadonlyMap<string, BoardRole>,
  ): Promise<Map<string, AuthorCard>> {
    const userIds = users.map((user) => user._id.toHexString());
    const [badges, reputation] = await Promise.all([
      this.badges.activeFor(
        users.map((user) => user._id),
        board._id,
      ),
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
