import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { SLUG_PATTERN } from '../boards.messages.js';
import { isDuplicateKeyError } from '../duplicate-key.js';
import { OperatorService } from '../operator/operator.service.js';
import { BoardAccessService } from '../permissions/board-access.service.js';
import { BoardAction, BoardVisibility } from '../permissions/board-permissions.js';
import { type BoardSettingsOverrides, mergeOverrides, settingsProblems } from '../settings/board-settings.js';
import { BoardRepository } from './board.repository.js';
import { BoardKind, BoardRecord } from './board.schema.js';
import { normaliseTags } from './tag-names.js';

export interface NewBoard {
  operatorSlug: string;
  slug: string;
  title: string;
  description?: string | null;
  kind: BoardKind;
  region?: string | null;
  tags?: string[] | null;
  visibility?: BoardVisibility | null;
  settings?: BoardSettingsOverrides | null;
}

export interface BoardChanges {
  title?: string | null;
  description?: string | null;
  region?: string | null;
  tags?: string[] | null;
  settings?: BoardSettingsOverrides | null;
}

export interface BoardListFilter {
  operatorSlug: string;
  kind?: BoardKind | null;
  region?: string | null;
  afterSlug?: string;
  limit: number;
}

function assertValidSettings(overrides: BoardSettingsOverrides): void {
  const problems = settingsProblems(overrides);
  if (problems.length > 0) throw new InvalidInputError(problems, 'INVALID_SETTINGS');
}

@Injectable()
export class BoardService {
  constructor(
    private readonly boards: BoardRepository,
    private readonly operators: OperatorService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
  ) {}

  async createBoard(actor: Actor, input: NewBoard): Promise<BoardRecord> {
    const operator = await this.operators.requireBySlug(input.operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const slug = input.slug.trim();
    if (!SLUG_PATTERN.test(slug)) throw new InvalidInputError([{ field: 'slug', message: 'SLUG_INVALID' }]);
    const settingsOverrides = mergeOverrides({}, input.settings ?? {});
    assertValidSettings(settingsOverrides);
    const now = this.clock.now();
    try {
      return await this.boards.insert({
        operatorId: operator._id,
        slug,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        kind: input.kind,
        region: input.region?.trim() || null,
        tags: normaliseTags(input.tags ?? []),
        visibility: input.visibility ?? BoardVisibility.PUBLIC,
        settingsOverrides,
        archivedAt: null,
        memberCount: 0,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError('BOARD_SLUG_TAKEN');
      throw error;
    }
  }

  async updateBoard(actor: Actor, slug: string, changes: BoardChanges): Promise<BoardRecord> {
    const board = await this.requireBoard(slug);
    await this.access.assert(actor, BoardAction.UpdateBoard, board);
    const set: Partial<BoardRecord> = { updatedAt: this.clock.now() };
    if (changes.title != null) set.title = changes.title.trim();
    if (changes.description != null) set.description = changes.description.trim();
    if (changes.region !== undefined) set.region = changes.region?.trim() || null;
    if (changes.tags != null) set.tags = normaliseTags(changes.tags);
    if (changes.settings != null) {
      set.settingsOverrides = mergeOverrides(board.settingsOverrides, changes.settings);
      assertValidSettings(set.settingsOverrides);
    }
    return (await this.boards.update(board._id, set))!;
  }

  /** Archived boards stay readable; every write is refused from then on. */
  async archiveBoard(actor: Actor, slug: string): Promise<BoardRecord> {
    const board = await this.requireBoard(slug);
    await this.access.assert(actor, BoardAction.ArchiveBoard, board);
    if (board.archivedAt) throw new PreconditionFailedError('BOARD_ARCHIVED');
    const now = this.clock.now();
    return (await this.boards.update(board._id, { archivedAt: now, updatedAt: now }))!;
  }

  /** A board the actor may see; private boards look absent to outsiders. */
  async viewBoard(actor: Actor | null, slug: string): Promise<BoardRecord> {
    const board = await this.requireBoard(slug);
    await this.access.assert(actor, BoardAction.View, board);
    return board;
  }

  async listBoards(actor: Actor | null, filter: BoardListFilter): Promise<BoardRecord[]> {
    const operator = await this.operators.requireBySlug(filter.operatorSlug);
    const boards = await this.boards.list({
      operatorId: operator._id,
      kind: filter.kind ?? undefined,
      region: filter.region ?? undefined,
      afterSlug: filter.afterSlug,
      includePrivate: this.operators.isAdmin(actor, operator),
      limit: filter.limit,
    });
    return boards;
  }

  async requireBoard(slug: string): Promise<BoardRecord> {
    const board = await this.boards.findBySlug(slug);
    if (!board) throw new NotFoundError('Board', 'BOARD_NOT_FOUND');
    return board;
  }

  async requireById(id: Types.ObjectId): Promise<BoardRecord> {
    const [board] = await this.boards.findByIds([id]);
    if (!board) throw new NotFoundError('Board', 'BOARD_NOT_FOUND');
    return board;
  }

  findByIds(ids: Parameters<BoardRepository['findByIds']>[0]): Promise<BoardRecord[]> {
    return this.boards.findByIds(ids);
  }
}
