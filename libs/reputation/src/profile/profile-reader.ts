// A user's reputation and badges as one viewer may see them: only on boards that viewer may read
// (BoardAccessService.readableBoardIds), on every path to them — the API's user fields and the
// site's profile page alike (issue #21: a private board's title, chart and post ids reached
// anonymous callers through profiles while board(slug) said NOT_FOUND).
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Actor } from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { BadgeService } from '../badges/badge.service.js';
import type { BadgeRecord } from '../badges/badge.schema.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import type { ReputationEntry } from '../ledger/reputation-entry.schema.js';
import { reputationFromEarned } from '../rules/starting-reputation.js';
import { ImportedBadgesService } from '../import/imported-badges.service.js';
import type { ImportedBadgeRecord } from '../import/imported-badge.schema.js';

@Injectable()
export class ProfileReader {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly badgeService: BadgeService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly imported: ImportedBadgesService,
  ) {}

  /** Reputation on one board (1 + earned there); a board the viewer may not read is NOT_FOUND, as board(slug) says. */
  async onBoard(viewer: Actor | null, userId: string, boardSlug: string): Promise<number> {
    const board = await this.readableBoard(viewer, boardSlug);
    const total = await this.ledger.total(new Types.ObjectId(userId), {
      operatorId: board.operatorId,
      boardId: board._id,
    });
    return reputationFromEarned(total);
  }

  /**
   * Reputation on one operator's boards (1 + earned there), counting only the boards the viewer may
   * read: the stored operator total also holds private boards' points, and a change in it would
   * tell an outsider of activity on a board they cannot see.
   */
  async onOperator(viewer: Actor | null, userId: string, operatorId: Types.ObjectId): Promise<number> {
    const rows = (await this.ledger.boardTotalsOfUser(new Types.ObjectId(userId))).filter((row) =>
      row.operatorId?.equals(operatorId),
    );
    const readable = await this.access.readableBoardIds(
      viewer,
      rows.map((row) => row.boardId!),
    );
    const earned = rows
      .filter((row) => readable.has(row.boardId!.toHexString()))
      .reduce((sum, row) => sum + row.total, 0);
    return reputationFromEarned(earned);
  }

  /** Reputation per board (1 + earned there), on the boards the viewer may read. */
  async boardTotals(viewer: Actor | null, userId: string): Promise<{ boardId: string; total: number }[]> {
    const rows = await this.ledger.boardTotalsOfUser(new Types.ObjectId(userId));
    const readable = await this.access.readableBoardIds(
      viewer,
      rows.map((row) => row.boardId!),
    );
    return rows
      .filter((row) => readable.has(row.boardId!.toHexString()))
      .map((row) => ({ boardId: row.boardId!.toHexString(), total: reputationFromEarned(row.total) }));
  }

  /** Reputation changes, newest first, on one board or on every board the viewer may read. */
  async history(
    viewer: Actor | null,
    userId: string,
    boardSlug: string | null,
    limit: number,
    after: { at: Date; id: Types.ObjectId } | null,
  ): Promise<ReputationEntry[]> {
    const id = new Types.ObjectId(userId);
    if (boardSlug) return this.ledger.history(id, (await this.readableBoard(viewer, boardSlug))._id, limit, after);
    const readable = await this.access.readableBoardIds(viewer, await this.ledger.boardsOfUser(id));
    return this.ledger.history(
      id,
      [...readable].map((hex) => new Types.ObjectId(hex)),
      limit,
      after,
    );
  }

  /** Badges in force, on one board or on every board the viewer may read. */
  async badges(viewer: Actor | null, userId: string, boardSlug: string | null): Promise<BadgeRecord[]> {
    const id = new Types.ObjectId(userId);
    if (boardSlug) return this.badgeService.activeFor([id], (await this.readableBoard(viewer, boardSlug))._id);
    const records = await this.badgeService.activeFor([id]);
    const readable = await this.access.readableBoardIds(
      viewer,
      records.map((record) => record.boardId),
    );
    return records.filter((record) => readable.has(record.boardId.toHexString()));
  }

  /** Badges a source site awarded before an import, newest first, with their board's slug, on readable boards. */
  async importedBadges(
    viewer: Actor | null,
    userId: string,
    boardSlug: string | null,
    limit: number,
  ): Promise<(ImportedBadgeRecord & { boardSlug: string })[]> {
    const only = boardSlug ? await this.readableBoard(viewer, boardSlug) : null;
    const records = await this.imported.of(new Types.ObjectId(userId), only?._id ?? null, limit);
    const readable = await this.access.readableBoardIds(
      viewer,
      records.map((record) => record.boardId),
    );
    const boards = await this.boards.findByIds([...readable].map((id) => new Types.ObjectId(id)));
    const slugs = new Map(boards.map((board) => [board._id.toHexString(), board.slug]));
    return records.flatMap((record) => {
      const slug = slugs.get(record.boardId.toHexString());
      return slug === undefined ? [] : [{ ...record, boardSlug: slug }];
    });
  }

  private async readableBoard(viewer: Actor | null, boardSlug: string) {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(viewer, BoardAction.View, board);
    return board;
  }
}
