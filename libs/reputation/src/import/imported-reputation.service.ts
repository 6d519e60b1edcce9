// Rebuilds reputation from imported history (votes, accepts, bounties), batch by batch inside the
// importer's transaction, by the same rules as live events: the board's vote values, the daily
// cap counted per day of the vote, and the floor of 1. Ledger entries get ids derived from their
// cause, so a batch seen twice adds nothing; totals move only by what was added.
// What a dump cannot show is not invented: voters of up/down votes are unknown (no downvote cost),
// and community-wiki posts earn their authors nothing (SE).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { importedId } from '@helpboard/core';
import { BoardService, resolveBoardSettings } from '@helpboard/boards';
import type { TransactionContext } from '@helpboard/database';
import type { ImportedPostRef } from '@helpboard/threads';
import { BountyRecord, BountyStatus } from '../bounties/bounty.schema.js';
import { BOUNTY_DAYS } from '../bounties/bounty.service.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { ImportedProjectionsRepository, type ScopeStart } from './imported-projections.repository.js';
import { periodKeysOf } from '../ledger/periods.js';
import { OVERALL, type ReputationEntry, ReputationKind, VOTE_KINDS } from '../ledger/reputation-entry.schema.js';
import { STARTING_REPUTATION } from '../rules/starting-reputation.js';
import { utcDay } from '../reputation.service.js';
import { type Award, applicableDelta, awardsForAccept, awardsForVote } from '../rules/vote-rules.js';

export type ImportedReputationEvent =
  /** `voterId`: the anonymous voter the vote was stored with. */
  | { kind: 'vote'; at: Date; value: 1 | -1; voterId: Types.ObjectId; post: ImportedPostRef }
  | { kind: 'accept'; at: Date; answer: ImportedPostRef }
  /** `bountyId`: chosen by the importer from the source row. */
  | {
      kind: 'bountyStart';
      at: Date;
      bountyId: Types.ObjectId;
      question: ImportedPostRef;
      starterId: Types.ObjectId;
      amount: number;
    }
  | { kind: 'bountyAward'; at: Date; answer: ImportedPostRef; amount: number };

interface Caused {
  source: string;
  postId: Types.ObjectId;
  actorId: Types.ObjectId;
  at: Date;
  awards: Award[];
}

const hex = (id: Types.ObjectId) => id.toHexString();

@Injectable()
export class ImportedReputationService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly projections: ImportedProjectionsRepository,
    private readonly boards: BoardService,
    @InjectModel(BountyRecord.name) private readonly bounties: Model<BountyRecord>,
  ) {}

  /**
   * Applies a batch of events in their order (the source's: by day, then by row id). Returns
   * entries added. `deletedUserId`: the stand-in owner of deleted users' posts, who earns nothing
   * (SE gives no one reputation for votes on them).
   */
  async apply(
    tx: TransactionContext,
    boardId: Types.ObjectId,
    events: ImportedReputationEvent[],
    deletedUserId: Types.ObjectId | null = null,
  ): Promise<number> {
    const board = await this.boards.requireById(boardId);
    const { operatorId } = board;
    const rules = resolveBoardSettings(board.settingsOverrides).reputation;
    const caused: Caused[] = [];
    for (const event of events) caused.push(await this.causeOf(tx, boardId, event, rules));

    const earnsNothing = deletedUserId ? hex(deletedUserId) : null;
    const candidates = caused.flatMap((c) =>
      c.awards
        .filter((award) => award.userId !== earnsNothing)
        .map((award) => ({ cause: c, award, id: importedId('ledger', c.source, award.userId, award.kind) })),
    );
    const existing = await this.ledger.existingEntryIds(
      candidates.map((c) => c.id),
      tx.session,
    );
    const fresh = candidates.filter((c) => !existing.has(hex(c.id)));
    if (fresh.length === 0) return 0;

    const userIds = [...new Set(fresh.map((c) => c.award.userId))].map((id) => new Types.ObjectId(id));
    const days = [...new Set(fresh.map((c) => utcDay(c.cause.at)))];
    const scopes: ScopeStart[] = [
      { scope: OVERALL, initial: STARTING_REPUTATION },
      { scope: { operatorId, boardId: null }, initial: 0 },
      { scope: { operatorId, boardId }, initial: 0 },
    ];
    const rows = await this.projections.totalsIn(
      userIds,
      scopes.map((s) => s.scope),
      tx.session,
    );
    const totals = new Map(
      [...rows.values()]
        .filter((t) => t.operatorId === null && t.boardId === null)
        .map((t) => [hex(t.userId), t.total]),
    );
    const gains = await this.ledger.voteGains(userIds, days, [...VOTE_KINDS], tx.session);
    const added = new Map<string, number>();
    const byPeriod = new Map<string, { key: string; userId: Types.ObjectId; delta: number }>();
    const entries: ReputationEntry[] = fresh.map(({ cause, award, id }) => {
      const day = utcDay(cause.at);
      const isVote = VOTE_KINDS.has(award.kind);
      const total = totals.get(award.userId) ?? STARTING_REPUTATION;
      const gainKey = `${award.userId}|${day}`;
      const delta = applicableDelta(award.delta, {
        total,
        voteGainToday: gains.get(gainKey) ?? 0,
        dailyCap: isVote ? rules.dailyVoteCap : undefined,
      });
      totals.set(award.userId, total + delta);
      if (isVote) gains.set(gainKey, (gains.get(gainKey) ?? 0) + delta);
      if (delta !== 0) {
        added.set(award.userId, (added.get(award.userId) ?? 0) + delta);
        for (const key of periodKeysOf(hex(boardId), cause.at)) {
          const row = byPeriod.get(`${key}|${award.userId}`) ?? {
            key,
            userId: new Types.ObjectId(award.userId),
            delta: 0,
          };
          row.delta += delta;
          byPeriod.set(`${key}|${award.userId}`, row);
        }
      }
      return {
        _id: id,
        userId: new Types.ObjectId(award.userId),
        boardId,
        operatorId,
        kind: award.kind,
        delta,
        requested: award.delta,
        source: cause.source,
        postId: cause.postId,
        actorId: cause.actorId,
        cause: null,
        day,
        at: cause.at,
      };
    });
    await this.ledger.appendMany(entries, tx.session);
    await this.projections.addToTotals(added, scopes, rows, tx.session);
    await this.projections.addToPeriods([...byPeriod.values()], tx.session);
    return entries.length;
  }

  /** Sources match the live ones (`vote:…`, `accept:…`, `bounty:…`), so later changes reverse them exactly. */
  private async causeOf(
    tx: TransactionContext,
    boardId: Types.ObjectId,
    event: ImportedReputationEvent,
    rules: ReturnType<typeof resolveBoardSettings>['reputation'],
  ): Promise<Caused> {
    switch (event.kind) {
      case 'vote': {
        const { post } = event;
        const awards = post.isCommunityWiki
          ? []
          : awardsForVote(
              { value: event.value, postKind: post.kind, authorId: hex(post.authorId), voterId: hex(event.voterId) },
              rules,
              // The voter of an imported vote is unknown: the downvote cost has no one to charge.
            ).filter((award) => award.userId === hex(post.authorId));
        return {
          source: `vote:${hex(post.id)}:${hex(event.voterId)}`,
          postId: post.id,
          actorId: event.voterId,
          at: event.at,
          awards,
        };
      }
      case 'accept': {
        const { answer } = event;
        const awards = awardsForAccept(
          { answerAuthorId: hex(answer.authorId), askerId: hex(answer.askerId) },
          rules,
        ).filter((award) => !(answer.isCommunityWiki && award.kind === ReputationKind.ANSWER_ACCEPTED));
        return { source: `accept:${hex(answer.id)}`, postId: answer.id, actorId: answer.askerId, at: event.at, awards };
      }
      case 'bountyStart': {
        await this.bounties.updateOne(
          { _id: event.bountyId },
          {
            $setOnInsert: {
              threadId: event.question.threadId,
              boardId,
              starterId: event.starterId,
              amount: event.amount,
              startedAt: event.at,
              endsAt: new Date(event.at.getTime() + BOUNTY_DAYS * 86_400_000),
              // Historic: closed either way; an award row (below) marks it awarded.
              status: BountyStatus.EXPIRED,
              awardedAnswerId: null,
              openThreadId: null,
            },
          },
          { upsert: true, session: tx.session },
        );
        return {
          source: `bounty:${hex(event.bountyId)}`,
          postId: event.question.id,
          actorId: event.starterId,
          at: event.at,
          awards: [{ userId: hex(event.starterId), kind: ReputationKind.BOUNTY_OFFERED, delta: -event.amount }],
        };
      }
      case 'bountyAward': {
        const { answer } = event;
        const bounty = await this.bounties
          .findOneAndUpdate(
            { threadId: answer.threadId, startedAt: { $lte: event.at } },
            { $set: { status: BountyStatus.AWARDED, awardedAnswerId: answer.id } },
            { sort: { startedAt: -1 }, session: tx.session, returnDocument: 'after' },
          )
          .lean<BountyRecord>()
          .exec();
        const source = bounty
          ? `bounty:${hex(bounty._id)}`
          : `bounty-award:${hex(answer.id)}:${event.at.toISOString()}`;
        return {
          source,
          postId: answer.id,
          actorId: bounty?.starterId ?? answer.askerId,
          at: event.at,
          awards: [{ userId: hex(answer.authorId), kind: ReputationKind.BOUNTY_AWARDED, delta: event.amount }],
        };
      }
    }
  }
}
