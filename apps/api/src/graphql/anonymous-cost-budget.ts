// Anonymous clients spend query cost from a per-address budget each minute, counted in the shared
// rate-limit store so every instance draws on the same budget. Signed-in callers are accountable
// through their account and are bounded per operation only.
import { Clock, RateLimitStore } from '@helpboard/core';

const MINUTE_MS = 60_000;

export type BudgetDecision = { isWithinBudget: true } | { isWithinBudget: false; retryAfterSeconds: number };

export class AnonymousCostBudget {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    readonly costPerMinute: number,
  ) {}

  /** Spends `cost` for `address` in one atomic step; an operation that would overdraw is refused. */
  async spend(address: string, cost: number): Promise<BudgetDecision> {
    const now = this.clock.now();
    const { count, resetAt } = await this.store.hit(`query-cost:${address}`, MINUTE_MS, now, Math.max(1, cost));
    if (count <= this.costPerMinute) return { isWithinBudget: true };
    return {
      isWithinBudget: false,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
    };
  }
}
