// Partners sign their conversion webhooks with a secret we generate, show once and keep sealed.
// Rotating issues a new secret and keeps the old one valid for an overlap, so the partner can
// deploy the new one without a window of rejected webhooks.
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from '@helpboard/core';
import { verifySignature } from '../crypto/webhook-signature.js';
import { OperatorService } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { objectIdOrNull } from '../ids.js';
import { ReferralAuditRepository } from '../audit/referral-audit.repository.js';
import { ReferralsKeys } from '../referrals-keys.js';
import { PartnerRepository } from './partner.repository.js';
import { type PartnerRecord, type PartnerSecret } from './partner.schema.js';

export const DEFAULT_OVERLAP_HOURS = 24;
export const MAX_OVERLAP_HOURS = 7 * 24;

export interface IssuedSecret {
  partner: PartnerRecord;
  /** Shown once, never stored in the clear. */
  webhookSecret: string;
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

@Injectable()
export class PartnerService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly operators: OperatorService,
    private readonly audit: ReferralAuditRepository,
    private readonly keys: ReferralsKeys,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async createPartner(actor: Actor, operatorSlug: string, name: string): Promise<IssuedSecret> {
    const operator = await this.operators.requireBySlug(operatorSlug);
    await this.operators.assertAdmin(actor, operator);
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 100)
      throw new InvalidInputError([{ field: 'name', message: 'LENGTH_OUT_OF_RANGE', params: { min: 2, max: 100 } }]);
    const now = this.clock.now();
    const id = new Types.ObjectId();
    const webhookSecret = newSecret();
    const partner: PartnerRecord = {
      _id: id,
      operatorId: operator._id,
      name: trimmed,
      secrets: [{ ...this.keys.partnerSecrets.seal(webhookSecret, id.toHexString()), createdAt: now, retiresAt: null }],
      createdById: new Types.ObjectId(actor.userId),
      createdAt: now,
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.partners.insert(partner, tx.session);
        await this.audit.record(tx.session, [
          { entityType: 'partner', entityId: id, action: 'CREATED', actorId: actor.userId, at: now },
        ]);
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new ConflictError('PARTNER_NAME_TAKEN');
      throw error;
    }
    return { partner, webhookSecret };
  }

  async rotateSecret(actor: Actor, partnerId: string, overlapHours = DEFAULT_OVERLAP_HOURS): Promise<IssuedSecret> {
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw new InvalidInputError([
        { field: 'overlapHours', message: 'TOO_LARGE', params: { max: MAX_OVERLAP_HOURS } },
      ]);
    }
    const partner = await this.requireManaged(actor, partnerId);
    const now = this.clock.now();
    const webhookSecret = newSecret();
    const retiresAt = new Date(now.getTime() + overlapHours * 3_600_000);
    const secrets: PartnerSecret[] = [
      // Only secrets still valid survive; the current one starts its overlap.
      ...this.validSecrets(partner, now).map((secret) => ({ ...secret, retiresAt: secret.retiresAt ?? retiresAt })),
      { ...this.keys.partnerSecrets.seal(webhookSecret, partnerId), createdAt: now, retiresAt: null },
    ];
    await this.unitOfWork.run(async (tx) => {
      await this.partners.setSecrets(partner._id, secrets, tx.session);
      await this.audit.record(tx.session, [
        {
          entityType: 'partner',
          entityId: partner._id,
          action: 'SECRET_ROTATED',
          reason: `overlap ${overlapHours} h`,
          actorId: actor.userId,
          at: now,
        },
      ]);
    });
    return { partner: { ...partner, secrets }, webhookSecret };
  }

  /** Secrets a webhook may be signed with right now, in the clear (only for verification). */
  webhookSecrets(partner: PartnerRecord, now: Date): string[] {
    const id = partner._id.toHexString();
    return this.validSecrets(partner, now).map((secret) => this.keys.partnerSecrets.open(secret, id));
  }

  /**
   * The partner whose current secret signed `signed` (a webhook's raw body, or the request line of
   * a partner API call). An unknown partner, a bad or a stale signature all answer 401 alike.
   */
  async authenticate(partnerId: string, signed: Buffer, signature: string | undefined): Promise<PartnerRecord> {
    const now = this.clock.now();
    const partner = await this.findById(partnerId);
    const verdict = verifySignature(signature, signed, partner ? this.webhookSecrets(partner, now) : [], now);
    if (!partner || verdict !== 'VALID') {
      throw new UnauthenticatedError(verdict === 'STALE' ? 'STALE_SIGNATURE' : 'INVALID_SIGNATURE');
    }
    return partner;
  }

  findById(partnerId: string): Promise<PartnerRecord | null> {
    const id = objectIdOrNull(partnerId);
    return id ? this.partners.findById(id) : Promise.resolve(null);
  }

  /** A partner the actor administers (as an admin of its operator). */
  async requireManaged(actor: Actor, partnerId: string): Promise<PartnerRecord> {
    const partner = await this.findById(partnerId);
    if (!partner) throw new NotFoundError('Partner', 'PARTNER_NOT_FOUND');
    const [operator] = await this.operators.findByIds([partner.operatorId]);
    await this.operators.assertAdmin(actor, operator);
    return partner;
  }

  private validSecrets(partner: PartnerRecord, now: Date): PartnerSecret[] {
    return partner.secrets.filter((secret) => secret.retiresAt === null || secret.retiresAt > now);
  }
}
