// Applies reputation changes inside the transaction of the action that caused them, so a vote,
// its ledger entries and the totals commit together. The overall total is stored with the
// starting 1 included; per-operator and per-board rows store what was earned there, and readers
// add the starting 1 (rules/starting-reputation.ts). Overall reputation never goes below 1.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { PreconditionFailedError } from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { LedgerRepository } from './ledger/ledger.repository.js';
import { periodKeysOf } from './ledger/periods.js';
import { OVERALL, ReputationKind, VOTE_KINDS } from './ledger/reputation-entry.schema.js';
import { STARTING_REPUTATION } from './rules/starting-reputation.js';
import { type Award, applicableDelta } from './rules/vote-rules.js';

export interface Cause {
  source: string;
  boardId: string;
  actorId: string;
  postId?: string;
  at: Date;
  /**
   * Everyone the source can have given to, when the caller knows (a vote: the post's author and
   * the voter): the ledger is sharded by user, so the read of what to take back then reaches
   * their shards only.
   */
  recipients?: string[];
}

@Injectable()
export class ReputationService {
  /** A board's operator never changes (threads move only within one operator), so it is remembered. */
  private readonly operatorOfBoard = new Map<string, Types.ObjectId>();

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly boards: BoardService,
  ) {}

  /** Takes back exactly what `cause.source` gave, to everyone it gave to; `reason` says why when not obvious. */
  async reverse(tx: TransactionContext, cause: Cause, reason: string | null = null): Promise<void> {
    for (const row of await this.ledger.outstanding(cause.source, tx.session, cause.recipients)) {
      await this.recordReversal(tx, cause, row.userId, -row.delta, reason);
    }
  }

  /** A post hidden by moderation loses everything it earned (and its voters get back their costs). */
  async reverseForPost(tx: TransactionContext, cause: Cause & { postId: string }): Promise<void> {
    const postId = new Types.ObjectId(cause.postId);
    for (const row of await this.ledger.netForPost(postId, null, tx.session)) {
      await this.recordReversal(tx, { ...cause, source: row.source }, row.userId, -row.delta, `hide:${cause.postId}`);
    }
  }

  /** Restoring the post gives back exactly what hiding it took. */
  async restoreForPost(tx: TransactionContext, cause: Cause & { postId: string }): Promise<void> {
    const postId = new Types.ObjectId(cause.postId);
    for (const row of await this.ledger.netForPost(
      postId,
      [`hide:${cause.postId}`, `restore:${cause.postId}`],
      tx.session,
    )) {
      await this.recordReversal(
        tx,
        { ...cause, source: row.source },
        row.userId,
        -row.delta,
        `restore:${cause.postId}`,
      );
    }
  }

  async award(tx: TransactionContext, cause: Cause, awards: Award[], dailyCap?: number): Promise<void> {
    for (const award of awards) {
      const userId = new Types.ObjectId(award.userId);
      const total = (await this.ledger.total(userId, OVERALL, tx.session)) ?? STARTING_REPUTATION;
      const isVote = VOTE_KINDS.has(award.kind);
      const voteGainToday = isVote
        ? await this.ledger.voteGainOn(userId, utcDay(cause.at), [...VOTE_KINDS], tx.session)
        : 0;
      const delta = applicableDelta(award.delta, { total, voteGainToday, dailyCap: isVote ? dailyCap : undefined });
      await this.record(tx, cause, award, delta);
    }
  }

  /**
   * Spends reputation the user chose to give (a bounty): refused when it would leave less than 1.
   * The balance is read in the spending transaction, and the spend writes the same total, so of
   * concurrent spends all but one conflict and retry against the new balance (issue #21: five
   * parallel bounties all passed a check made before the transaction).
   */
  async spend(tx: TransactionContext, cause: Cause, userId: string, kind: ReputationKind, amount: number) {
    const total = (await this.ledger.total(new Types.ObjectId(userId), OVERALL, tx.session)) ?? STARTING_REPUTATION;
    if (total - amount < STARTING_REPUTATION) throw new PreconditionFailedError('NOT_ENOUGH_REPUTATION');
    await this.record(tx, cause, { userId, kind, delta: -amount }, -amount);
  }

  /**
   * A reversal takes back what was given, but like any change it cannot take overall reputation
   * below 1 (SE): what it could not take stays outstanding on its source, so the ledger still
   * says exactly what was applied and a later reversal of the same source can finish the job.
   */
  private async recordReversal(
    tx: TransactionContext,
    cause: Cause,
    userId: Types.ObjectId,
    requested: number,
    reason: string | null,
  ): Promise<void> {
    let delta = requested;
    if (delta < 0) {
      const total = (await this.ledger.total(userId, OVERALL, tx.session)) ?? STARTING_REPUTATION;
      delta = Math.min(0, Math.max(delta, STARTING_REPUTATION - total));
    }
    const entry = { userId: userId.toHexString(), kind: ReputationKind.REVERSAL, delta: requested };
    await this.record(tx, cause, entry, delta, reason);
  }

  private async record(
    tx: TransactionContext,
    cause: Cause,
    award: Award,
    delta: number,
    reason: string | null = null,
  ): Promise<void> {
    const userId = new Types.ObjectId(award.userId);
    const boardId = new Types.ObjectId(cause.boardId);
    const operatorId = await this.operatorOf(boardId);
    await this.ledger.append(
      {
        userId,
        boardId,
        operatorId,
        kind: award.kind,
        delta,
        requested: award.delta,
        source: cause.source,
        postId: cause.postId ? new Types.ObjectId(cause.postId) : null,
        actorId: new Types.ObjectId(cause.actorId),
        cause: reason,
        day: utcDay(cause.at),
        at: cause.at,
      },
      tx.session,
    );
    if (delta === 0) return;
    await this.ledger.addToTotal(userId, OVERALL, delta, STARTING_REPUTATION, tx.session);
    await this.ledger.addToTotal(userId, { operatorId, boardId: null }, delta, 0, tx.session);
    await this.ledger.addToTotal(userId, { operatorId, boardId }, delta, 0, tx.session);
    const periods = periodKeysOf(cause.boardId, cause.at).map((key) => ({ key, userId, delta }));
    await this.ledger.addToPeriods(periods, tx.session);
  }

  private async operatorOf(boardId: Types.ObjectId): Promise<Types.ObjectId> {
    let operatorId = this.operatorOfBoard.get(boardId.toHexString());
    if (!operatorId) {
      operatorId = (await this.boards.requireById(boardId)).operatorId;
      this.operatorOfBoard.set(boardId.toHexString(), operatorId);
    }
    return operatorId;
  }
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
