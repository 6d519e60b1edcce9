// Staff share an answer as a stable short link with a text snippet; opens of the link are counted.
import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import {
  type Actor,
  APP_CONFIG,
  type AppConfig,
  Clock,
  decodeCursor,
  NotFoundError,
  PreconditionFailedError,
  threadLink,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { markdownToText, PostKind, ThreadStateService } from '@helpboard/threads';
import { InsightsRecorder } from '../metrics/insights-recorder.js';
import { Metric } from '../metrics/metrics.js';
import { AnswerShareRepository, SHARE_ORDER } from './answer-share.repository.js';
import type { AnswerShareRecord, ShareChannel } from './answer-share.schema.js';

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** An SMS is 160 characters; the snippet leaves room for the link. */
const SNIPPET_LENGTH = 120;

export function newShareCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export interface SharedAnswer {
  record: AnswerShareRecord;
  url: string;
  snippet: string;
}

@Injectable()
export class AnswerShareService {
  constructor(
    private readonly shares: AnswerShareRepository,
    private readonly threads: ThreadStateService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly recorder: InsightsRecorder,
  ) {}

  async shareAnswer(actor: Actor, answerId: string, channel: ShareChannel): Promise<SharedAnswer> {
    const answer = await this.threads.requirePost(answerId);
    if (answer.kind !== PostKind.ANSWER) throw new PreconditionFailedError('NOT_AN_ANSWER');
    if (answer.hiddenAt) throw new NotFoundError('Post', 'POST_NOT_FOUND');
    const board = await this.boards.requireById(answer.boardId);
    await this.access.assert(actor, BoardAction.ActAsStaff, board);
    const record = await this.shares.findOrCreate({
      code: newShareCode(),
      answerId: answer._id,
      threadId: answer.threadId,
      boardId: answer.boardId,
      channel,
      sharedBy: new Types.ObjectId(actor.userId),
      opens: 0,
      lastOpenedAt: null,
      createdAt: this.clock.now(),
    });
    const url = this.shortUrl(record.code);
    const text = markdownToText(answer.body);
    const clipped = text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1).trimEnd()}…` : text;
    return { record, url, snippet: `${clipped} ${url}` };
  }

  /** Counts an open and says where the answer is; null for an unknown code. */
  async open(code: string): Promise<string | null> {
    if (!/^[A-Za-z0-9]{1,16}$/.test(code)) return null;
    const now = this.clock.now();
    const record = await this.shares.recordOpen(code, now);
    if (!record) return null;
    await this.recorder.countOnBoard(record.boardId, now, { [Metric.SHARE_OPENS]: 1 });
    return threadLink(this.config.publicUrl, record.threadId.toHexString(), {
      answerId: record.answerId.toHexString(),
    });
  }

  async list(actor: Actor, boardSlug: string, limit: number, after?: string | null): Promise<AnswerShareRecord[]> {
    const board = await this.boards.requireBoard(boardSlug);
    await this.access.assert(actor, BoardAction.ViewInsights, board);
    return this.shares.list(board._id, limit, after ? decodeCursor(after, SHARE_ORDER.length) : undefined);
  }

  shortUrl(code: string): string {
    return `${this.config.publicUrl}/s/${code}`;
  }
}
