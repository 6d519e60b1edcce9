// Reps hear of every state change of their commissions: earned (pending), approved, paid,
// rejected or reversed, with the amount and, for the last two, the reason.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import { CommissionStatusChanged } from '@helpboard/referrals';
import { NotificationKind } from '../notification/notification-kind.js';
import { Notifier } from '../notification/notifier.js';

/** `1234` `EUR` → `12.34 EUR`, with the currency's own number of decimals (JPY has none). */
export function formatMoney(amountMinor: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals.
  }
  return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
}

@Injectable()
export class CommissionNotificationListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.bus.on(CommissionStatusChanged, (event) => this.onStatusChanged(event));
  }

  private async onStatusChanged(event: CommissionStatusChanged): Promise<void> {
    await this.notifier.notify([event.ownerId], {
      kind: NotificationKind.COMMISSION,
      key: `commission:${event.commissionId}:${event.to}`,
      boardId: event.boardId,
      postId: event.postId,
      params: {
        variant: event.to,
        amount: formatMoney(event.amountMinor, event.currency),
        reason: event.reason ?? '',
      },
      at: event.occurredAt,
    });
  }
}
