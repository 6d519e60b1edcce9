// Conversions reported by partners' signed webhooks, and their reversal. Nothing is read from the
// body, let alone stored, before its signature checks out; a repeat of the same externalId
// answers what the first one did and changes nothing.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { type Actor, Clock, InvalidInputError, NotFoundError } from '@helpboard/core';
import { type TransactionContext, UnitOfWork } from '@helpboard/database';
import { normaliseEmail, UsersService } from '@helpboard/identity';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { CommissionReason, CommissionStatus } from '../commission/commission-state-machine.js';
import type { CommissionRecord } from '../commission/commission.schema.js';
import { CommissionService } from '../commission/commission.service.js';
import { emailHashOf } from '../crypto/keyed-hash.js';
import { objectIdOrNull } from '../ids.js';
import { commissionFor } from '../money/commission-rule.js';
import { PartnerService } from '../partner/partner.service.js';
import type { PartnerRecord } from '../partner/partner.schema.js';
import { AttributionService } from './attribution.js';
import { parseConversion, parseReversal } from './conversion-payload.js';
import { ConversionRepository } from './conversion.repository.js';
import type { ConversionRecord } from './conversion.schema.js';

const DAY_MS = 24 * 3_600_000;
/** Conversions dated further ahead than the signature tolerance are refused. */
const MAX_FUTURE_MS = 5 * 60_000;

export interface ConversionResult {
  conversionId: string;
  isAttributed: boolean;
  answerId: string | null;
  flags: string[];
  commission: {
    id: string;
    status: CommissionStatus;
    amountMinor: number;
    currency: string;
    reason: string | null;
  } | null;
  isReversed: boolean;
}

export function conversionResult(conversion: ConversionRecord, commission: CommissionRecord | null): ConversionResult {
  return {
    conversionId: conversion._id.toHexString(),
    isAttributed: conversion.linkId !== null,
    answerId: conversion.postId?.toHexString() ?? null,
    flags: conversion.flags,
    commission: commission && {
      id: commission._id.toHexString(),
      status: commission.status,
      amountMinor: commission.amountMinor,
      currency: commission.currency,
      reason: commission.reason,
    },
    isReversed: conversion.reversedAt !== null,
  };
}

@Injectable()
export class ConversionService {
  constructor(
    private readonly conversions: ConversionRepository,
    private readonly partners: PartnerService,
    private readonly attribution: AttributionService,
    private readonly commissions: CommissionService,
    private readonly users: UsersService,
    private readonly audit: ReferralAuditRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async receive(partnerId: string, rawBody: Buffer, signature: string | undefined): Promise<ConversionResult> {
    const partner = await this.partners.authenticate(partnerId, rawBody, signature);
    const payload = parseConversion(rawBody);
    const now = this.clock.now();
    if (payload.occurredAt.getTime() > now.getTime() + MAX_FUTURE_MS)
      throw new InvalidInputError([{ field: 'occurredAt', message: 'INVALID_VALUE' }]);
    // Partners retry: most repeats are answered from one read, without opening a transaction.
    const delivered = await this.conversions.findByExternalId(partner._id, payload.externalId);
    if (delivered) return conversionResult(delivered, await this.commissions.findByConversion(delivered._id));
    try {
      return await this.unitOfWork.run(async (tx) => {
        const existing = await this.conversions.findByExternalId(partner._id, payload.externalId, tx.session);
        if (existing) return conversionResult(existing, await this.commissions.findByConversion(existing._id, tx));
        return this.record(tx, partner, payload, now);
      });
    } catch (error) {
      // Two deliveries of one conversion at once: the unique index let one in; answer with it.
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = (await this.conversions.findByExternalId(partner._id, payload.externalId))!;
      return conversionResult(existing, await this.commissions.findByConversion(existing._id));
    }
  }

  private async record(
    tx: TransactionContext,
    partner: PartnerRecord,
    payload: ReturnType<typeof parseConversion>,
    now: Date,
  ): Promise<ConversionResult> {
    const found = await this.attribution.attribute(partner._id, payload, tx.session);
    const conversion: ConversionRecord = {
      _id: new Types.ObjectId(),
      partnerId: partner._id,
      externalId: payload.externalId,
      campaignId: found?.campaign._id ?? null,
      linkId: found?.link._id ?? null,
      clickId: found?.click?._id ?? null,
      postId: found?.link.postId ?? null,
      ownerId: found?.link.ownerId ?? null,
      reportedAmountMinor: payload.amount ?? null,
      reportedCurrency: payload.currency ?? null,
      flags: found?.flags ?? [],
      commissionId: null,
      occurredAt: payload.occurredAt,
      receivedAt: now,
      reversedAt: null,
    };
    let commission: CommissionRecord | null = null;
    if (found) {
      const amount = commissionFor(found.campaign.commission, {
        amountMinor: payload.amount,
        currency: payload.currency,
      });
      if (!amount.ok) throw new InvalidInputError([{ field: 'amount', message: amount.reason }], amount.reason);
      const owner = await this.users.findById(found.link.ownerId.toHexString());
      const isSelfReferral =
        payload.emailHash !== undefined &&
        owner?.email != null &&
        emailHashOf(normaliseEmail(owner.email)) === payload.emailHash;
      commission = {
        _id: new Types.ObjectId(),
        conversionId: conversion._id,
        campaignId: found.campaign._id,
        operatorId: found.campaign.operatorId,
        boardId: found.link.boardId,
        postId: found.link.postId,
        linkId: found.link._id,
        ownerId: found.link.ownerId,
        amountMinor: amount.money.amountMinor,
        currency: amount.money.currency,
        status: isSelfReferral ? CommissionStatus.REJECTED : CommissionStatus.PENDING,
        reason: isSelfReferral ? CommissionReason.SELF_REFERRAL : null,
        needsReview: conversion.flags.length > 0,
        frozenAt: null,
        holdUntil: new Date(now.getTime() + found.campaign.holdDays * DAY_MS),
        payoutId: null,
        createdAt: now,
        updatedAt: now,
      };
      conversion.commissionId = commission._id;
    }
    await this.conversions.insert(conversion, tx.session);
    await this.audit.record(tx.session, [
      {
        entityType: 'conversion',
        entityId: conversion._id,
        action: 'RECEIVED',
        to: found ? 'ATTRIBUTED' : 'UNATTRIBUTED',
        reason: conversion.flags.join(',') || null,
        at: now,
      },
    ]);
    if (commission) await this.commissions.create(tx, commission, null);
    return conversionResult(conversion, commission);
  }

  /** The partner's signed reversal (a refund, a chargeback). */
  async receiveReversal(partnerId: string, rawBody: Buffer, signature: string | undefined): Promise<ConversionResult> {
    const partner = await this.partners.authenticate(partnerId, rawBody, signature);
    const payload = parseReversal(rawBody);
    const conversion = await this.conversions.findByExternalId(partner._id, payload.externalId);
    if (!conversion) throw new NotFoundError('Conversion', 'CONVERSION_NOT_FOUND');
    return this.reverse(conversion, CommissionReason.PARTNER_REVERSED, null);
  }

  /** An operator admin of the partner's operator reverses a conversion. */
  async reverseConversion(actor: Actor, conversionId: string, reason: CommissionReason): Promise<ConversionResult> {
    const id = objectIdOrNull(conversionId);
    const conversion = id ? await this.conversions.findById(id) : null;
    if (!conversion) throw new NotFoundError('Conversion', 'CONVERSION_NOT_FOUND');
    await this.partners.requireManaged(actor, conversion.partnerId.toHexString());
    return this.reverse(conversion, reason, actor.userId);
  }

  /** Idempotent: reversing twice answers the first reversal. */
  private async reverse(conversion: ConversionRecord, reason: CommissionReason, actorId: string | null) {
    const now = this.clock.now();
    return this.unitOfWork.run(async (tx) => {
      const current = (await this.conversions.findById(conversion._id, tx.session))!;
      let commission = await this.commissions.findByConversion(current._id, tx);
      if (current.reversedAt === null) {
        await this.conversions.markReversed(current._id, now, tx.session);
        await this.audit.record(tx.session, [
          { entityType: 'conversion', entityId: current._id, action: 'REVERSED', reason, actorId, at: now },
        ]);
        if (commission && (await this.commissions.reverse(tx, commission, reason, now, actorId))) {
          commission = await this.commissions.findByConversion(current._id, tx);
        }
      }
      return conversionResult({ ...current, reversedAt: current.reversedAt ?? now }, commission);
    });
  }
}
