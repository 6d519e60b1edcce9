// Votes.xml: up and down votes become anonymous imported votes; accepts (type 1) and bounties
// (8 start, 9 award) only move reputation (the accepted answer itself came with its question).
// Reputation is applied in the file's order, which is the order of vote ids: the order SE
// applied them in, one day at a time (vote dates are truncated to the day).
import type { Types } from 'mongoose';
import type { ImportedReputationEvent, ImportedReputationService } from '@helpboard/reputation';
import type { ImportedPostRef, ImportedVote, ImportedVotesService } from '@helpboard/threads';
import { PostKind } from '@helpboard/threads';
import { dumpDate, dumpInt, optionalInt } from './dump-values.js';
import { type BatchContext, type Mapped, mapRows, type Phase } from './phase.js';

const ACCEPTED = 1;
const UP = 2;
const DOWN = 3;
const BOUNTY_START = 8;
const BOUNTY_CLOSE = 9;
const MEANINGFUL = new Set([ACCEPTED, UP, DOWN, BOUNTY_START, BOUNTY_CLOSE]);

interface VoteRow {
  id: Types.ObjectId;
  sourceId: number;
  type: number;
  postId: Types.ObjectId;
  postSourceId: number;
  at: Date;
  userId: number | null;
  amount: number | null;
}

function eventOf(
  vote: VoteRow,
  post: ImportedPostRef,
  context: BatchContext,
  starters: Set<string>,
): ImportedReputationEvent | null {
  switch (vote.type) {
    case UP:
    case DOWN:
      return { kind: 'vote', at: vote.at, value: vote.type === UP ? 1 : -1, voterId: vote.id, post };
    case ACCEPTED:
      return post.kind === PostKind.ANSWER ? { kind: 'accept', at: vote.at, answer: post } : null;
    case BOUNTY_START: {
      const starterId = vote.userId === null ? null : context.ids.user(vote.userId);
      if (!starterId || !starters.has(starterId.toHexString()) || !vote.amount || post.kind !== PostKind.QUESTION)
        return null;
      return {
        kind: 'bountyStart',
        at: vote.at,
        bountyId: context.ids.bounty(vote.sourceId),
        question: post,
        starterId,
        amount: vote.amount,
      };
    }
    case BOUNTY_CLOSE:
      // SE: a close without an amount, or on the question itself, awarded nothing.
      return vote.amount && post.kind === PostKind.ANSWER
        ? { kind: 'bountyAward', at: vote.at, answer: post, amount: vote.amount }
        : null;
    default:
      return null;
  }
}

export function votesPhase(
  content: ImportedVotesService,
  reputation: ImportedReputationService,
  starterExists: (ids: Types.ObjectId[], context: BatchContext) => Promise<Set<string>>,
): Phase {
  return {
    name: 'votes',
    table: 'Votes',
    required: false,
    batchSize: 10_000,
    async apply(rows, context) {
      const { mapped, ignored } = mapRows(rows, context, (row): VoteRow | null => {
        const type = dumpInt(row, 'VoteTypeId');
        if (!MEANINGFUL.has(type)) return null;
        const sourceId = dumpInt(row, 'Id');
        const postSourceId = dumpInt(row, 'PostId');
        return {
          id: context.ids.vote(sourceId),
          sourceId,
          type,
          postId: context.ids.post(postSourceId),
          postSourceId,
          at: dumpDate(row, 'CreationDate'),
          userId: optionalInt(row, 'UserId'),
          amount: optionalInt(row, 'BountyAmount'),
        };
      });
      const refs = await content.postRefs(
        context.boardId,
        mapped.map((m) => m.item.postId),
        context.tx,
      );
      const votes = mapped.filter((m) => m.item.type === UP || m.item.type === DOWN);
      const outcome = await content.addVotes(
        context.boardId,
        votes.map(({ item }): ImportedVote => ({
          id: item.id,
          postId: item.postId,
          value: item.type === UP ? 1 : -1,
          castAt: item.at,
          origin: { site: context.ids.site, id: item.sourceId },
        })),
        refs,
        context.tx,
      );
      const starters = await starterExists(
        mapped
          .filter((m) => m.item.type === BOUNTY_START && m.item.userId !== null)
          .map((m) => context.ids.user(m.item.userId!)),
        context,
      );
      const events = eventsInOrder(mapped, refs, context, starters);
      const reputationEntries = await reputation.apply(context.tx, context.boardId, events.events, context.ghostId);
      return { added: outcome.added, ignored: ignored + events.ignored, reputationEntries };
    },
  };
}

function eventsInOrder(
  mapped: Mapped<VoteRow>[],
  refs: Map<string, ImportedPostRef>,
  context: BatchContext,
  starters: Set<string>,
): { events: ImportedReputationEvent[]; ignored: number } {
  const events: ImportedReputationEvent[] = [];
  let ignored = 0;
  for (const { line, item } of mapped) {
    const post = refs.get(item.postId.toHexString());
    if (!post) {
      context.problem(line, `PostId ${item.postSourceId}: no such post`);
      continue;
    }
    const event = eventOf(item, post, context, starters);
    if (event) events.push(event);
    else ignored += 1;
  }
  return { events, ignored };
}
