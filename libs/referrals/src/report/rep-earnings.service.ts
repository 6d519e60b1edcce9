// A rep's own referral page in one read: their links with clicks and earnings, what each answer
// brought in (clicks, conversions, commissions by status) and their latest commissions. Three
// aggregations and two finds, however many links and answers the rep has.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { Actor } from '@helpboard/core';
import { ClickRepository } from '../click/click.repository.js';
import type { CommissionStatus } from '../commission/commission-state-machine.js';
import { CommissionRepository } from '../commission/commission.repository.js';
import type { CommissionRecord } from '../commission/commission.schema.js';
import { type LinkWithStats, MyLinksService } from '../link/my-links.service.js';

export interface StatusTotal {
  status: CommissionStatus;
  count: number;
  amountMinor: number;
  currency: string;
}

export interface AnswerEarnings {
  /** The answer (or question) the links were made for; null for links not tied to a post. */
  postId: string | null;
  clicks: number;
  /** Commissions that still count (pending, approved, paid). */
  conversions: number;
  byStatus: StatusTotal[];
}

export interface RepEarnings {
  /** Every commission of the rep, by status and currency (not only the answers listed). */
  totals: StatusTotal[];
  links: LinkWithStats[];
  answers: AnswerEarnings[];
  commissions: CommissionRecord[];
}

export type { LinkWithStats };

@Injectable()
export class RepEarningsService {
  constructor(
    private readonly myLinks: MyLinksService,
    private readonly clicks: ClickRepository,
    private readonly commissions: CommissionRepository,
  ) {}

  /** Only ever the signed-in rep's own figures: the owner is the actor, never a parameter. */
  async ofRep(actor: Actor, limit: number): Promise<RepEarnings> {
    const ownerId = new Types.ObjectId(actor.userId);
    const [links, clicks, totals, commissions] = await Promise.all([
      this.myLinks.linksOf(actor, limit),
      this.clicks.countBy({ ownerId }, 'postId'),
      this.commissions.statusTotalsBy({ ownerId }, 'postId'),
      this.commissions.forOwner(ownerId, limit),
    ]);
    const answers = new Map<string, AnswerEarnings>();
    const entry = (key: string) => {
      let found = answers.get(key);
      if (!found) {
        found = { postId: key || null, clicks: 0, conversions: 0, byStatus: [] };
        answers.set(key, found);
      }
      return found;
    };
    for (const [key, counts] of clicks) entry(key).clicks = counts.clicks;
    for (const row of totals) {
      const answer = entry(row._id.key ? row._id.key.toHexString() : '');
      answer.byStatus.push({
        status: row._id.status,
        count: row.count,
        amountMinor: row.amountMinor,
        currency: row._id.currency,
      });
      if (['PENDING', 'APPROVED', 'PAID'].includes(row._id.status)) answer.conversions += row.count;
    }
    const ranked = [...answers.values()].sort((a, b) => b.conversions - a.conversions || b.clicks - a.clicks);
    return { totals: sumByStatus(ranked), links, answers: ranked.slice(0, limit), commissions };
  }
}

function sumByStatus(answers: readonly AnswerEarnings[]): StatusTotal[] {
  const totals = new Map<string, StatusTotal>();
  for (const row of answers.flatMap((answer) => answer.byStatus)) {
    const key = `${row.status}:${row.currency}`;
    const total = totals.get(key) ?? { ...row, count: 0, amountMinor: 0 };
    total.count += row.count;
    total.amountMinor += row.amountMinor;
    totals.set(key, total);
  }
  return [...totals.values()];
}
