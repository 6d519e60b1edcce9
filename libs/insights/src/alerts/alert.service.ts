// Raises alerts once per episode and tells the operator's staff; lists and acknowledges them.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, decodeCursor, InvalidInputError, NotFoundError } from '@helpboard/core';
import { BoardAccessService, BoardAction } from '@helpboard/boards';
import { NotificationKind, Notifier } from '@helpboard/notifications';
import { BoardInsightsService, type InsightsScope } from '../metrics/board-insights.service.js';
import { StaffDirectory } from '../metrics/staff-directory.js';
import { ALERT_ORDER, AlertRepository } from './alert.repository.js';
import { type AlertKind, type AlertRecord, type AlertThread } from './alert.schema.js';

export interface AlertCandidate {
  boardId: Types.ObjectId;
  operatorId: Types.ObjectId;
  kind: AlertKind;
  subject: string;
  tag: string | null;
  userId: Types.ObjectId | null;
  hourStart: Date;
  signals: AlertKind[];
  observed: number;
  baseline: number;
  threads: AlertThread[];
  /** Evidence within this long after an alert joins it instead of raising another. */
  cooldownMs: number;
}

export const NOTE_MAX = 500;

@Injectable()
export class AlertService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly staff: StaffDirectory,
    private readonly notifier: Notifier,
    private readonly insights: BoardInsightsService,
    private readonly access: BoardAccessService,
    private readonly clock: Clock,
  ) {}

  /** True when a new alert was raised (and its staff told); false when it joined an open one. */
  async raise(candidate: AlertCandidate, now: Date): Promise<boolean> {
    const { cooldownMs, ...fields } = candidate;
    const since = new Date(candidate.hourStart.getTime() - cooldownMs);
    const open = await this.alerts.latest(candidate.boardId, candidate.subject, since);
    if (open) {
      await this.alerts.addEvidence(open._id, { ...candidate, at: now });
      return false;
    }
    const record: AlertRecord = {
      _id: new Types.ObjectId(),
      ...fields,
      raisedAt: now,
      updatedAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      note: null,
    };
    if (!(await this.alerts.insertOnce(record))) return false;
    await this.tellStaff(record);
    return true;
  }

  async list(actor: Actor, scope: InsightsScope, isAcknowledged: boolean | null, limit: number, after?: string | null) {
    const target = await this.insights.authorise(actor, scope);
    const filter = target.boardId ? { boardId: target.boardId } : { operatorId: target.operatorId };
    return this.alerts.list(
      { ...filter, isAcknowledged },
      limit,
      after ? decodeCursor(after, ALERT_ORDER.length) : undefined,
    );
  }

  async acknowledge(actor: Actor, alertId: string, note: string | null): Promise<AlertRecord> {
    if (note !== null && note.length > NOTE_MAX) {
      throw new InvalidInputError([
        { field: 'note', message: 'LENGTH_OUT_OF_RANGE', params: { min: 0, max: NOTE_MAX } },
      ]);
    }
    const alert = Types.ObjectId.isValid(alertId) ? await this.alerts.findById(new Types.ObjectId(alertId)) : null;
    if (!alert) throw new NotFoundError('Alert', 'ALERT_NOT_FOUND');
    const board = await this.staff.board(alert.boardId);
    if (!(await this.access.can(actor, BoardAction.ViewInsights, board))) {
      throw new NotFoundError('Alert', 'ALERT_NOT_FOUND');
    }
    if (alert.acknowledgedAt) return alert;
    return (
      (await this.alerts.acknowledge(
        alert._id,
        new Types.ObjectId(actor.userId),
        note?.trim() || null,
        this.clock.now(),
      )) ?? (await this.alerts.findById(alert._id))!
    );
  }

  private async tellStaff(alert: AlertRecord): Promise<void> {
    const board = await this.staff.board(alert.boardId);
    const recipients = await this.staff.staffOf(board.operatorId, [board._id]);
    await this.notifier.notify([...recipients], {
      kind: NotificationKind.INSIGHT_ALERT,
      key: `alert:${alert._id.toHexString()}`,
      boardId: board._id.toHexString(),
      threadId: alert.threads[0]?.threadId.toHexString() ?? null,
      params: {
        variant: alert.kind,
        board: board.title,
        tag: alert.tag ?? '',
        observed: String(alert.observed),
        title: alert.threads[0]?.title ?? '',
      },
      at: alert.raisedAt,
    });
  }
}
