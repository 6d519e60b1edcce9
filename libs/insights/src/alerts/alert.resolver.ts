import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  ConnectionType,
  CurrentActor,
  cursorValuesOf,
  InvalidInputError,
  pageSize,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { TrendingService, TrendWindow } from '../signals/trending.service.js';
import { ALERT_ORDER } from './alert.repository.js';
import { Alert, AlertsArgs, TrendingTopicInfo } from './alert.model.js';
import type { AlertRecord } from './alert.schema.js';
import { AlertService } from './alert.service.js';

export const AlertConnection = ConnectionType(Alert);
const TRENDING_MAX = 50;

@Resolver(() => Alert)
export class AlertResolver {
  constructor(
    private readonly alertService: AlertService,
    private readonly trending: TrendingService,
    private readonly boards: BoardService,
  ) {}

  @SignedIn()
  @Query(() => AlertConnection, {
    description: "Early-warning alerts of a board or of an operator's boards, newest first (their staff).",
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async alerts(@CurrentActor() actor: Actor, @Args() args: AlertsArgs) {
    const size = pageSize(args.first);
    const rows = await this.alertService.list(actor, args, args.isAcknowledged ?? null, size + 1, args.after);
    const slugs = await this.slugsOf(rows);
    return toConnection(
      rows,
      size,
      !!args.after,
      (row) => cursorValuesOf(row as unknown as Record<string, unknown>, ALERT_ORDER),
      (row) => toAlert(row, slugs),
    );
  }

  @SignedIn()
  @Mutation(() => Alert, { description: 'Board staff: acknowledge an alert (again: no change).' })
  async acknowledgeAlert(
    @CurrentActor() actor: Actor,
    @Args('alertId', { type: () => ID, description: 'The alert.' }) alertId: string,
    @Args('note', { type: () => String, nullable: true, description: 'What was done (up to 500 characters).' })
    note?: string | null,
  ): Promise<Alert> {
    const record = await this.alertService.acknowledge(actor, alertId, note ?? null);
    return toAlert(record, await this.slugsOf([record]));
  }

  @SignedIn()
  @Query(() => [TrendingTopicInfo], {
    description: "Tags and terms rising on a board in the latest window vs the four before it (the board's staff).",
    complexity: 20,
  })
  async trendingTopics(
    @CurrentActor() actor: Actor,
    @Args('boardSlug', { description: 'The board.' }) boardSlug: string,
    @Args('window', {
      type: () => TrendWindow,
      defaultValue: TrendWindow.DAY,
      description: 'The latest hour, day or week.',
    })
    window: TrendWindow,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'How many (1–50).' }) first: number,
  ): Promise<TrendingTopicInfo[]> {
    if (!Number.isInteger(first) || first < 1 || first > TRENDING_MAX) {
      throw new InvalidInputError([
        { field: 'first', message: 'PAGE_SIZE_OUT_OF_RANGE', params: { min: 1, max: TRENDING_MAX } },
      ]);
    }
    return this.trending.trending(actor, boardSlug, window, first);
  }

  private async slugsOf(rows: AlertRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((row) => row.boardId.toHexString()))].map((id) => new Types.ObjectId(id));
    return new Map((await this.boards.findByIds(ids)).map((board) => [board._id.toHexString(), board.slug]));
  }
}

function toAlert(record: AlertRecord, slugs: Map<string, string>): Alert {
  return {
    id: record._id.toHexString(),
    kind: record.kind,
    signals: record.signals,
    boardSlug: slugs.get(record.boardId.toHexString()) ?? '',
    tag: record.tag,
    userId: record.userId?.toHexString() ?? null,
    hourStart: record.hourStart,
    observed: record.observed,
    baseline: record.baseline,
    threads: record.threads.map((thread) => ({ threadId: thread.threadId.toHexString(), title: thread.title })),
    raisedAt: record.raisedAt,
    updatedAt: record.updatedAt,
    acknowledgedAt: record.acknowledgedAt,
    note: record.note,
  };
}
