// Approves pending commissions once their hold has passed — unless frozen (hidden post), waiting
// for review (flagged) or earned by a rep who is suspended right now (held until lifted).
import { Inject, Injectable } from '@nestjs/common';
import type { Types } from 'mongoose';
import { APP_CONFIG, type AppConfig, Clock, PeriodicJob } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { CommissionStatus } from './commission-state-machine.js';
import { CommissionRepository } from './commission.repository.js';
import { CommissionService } from './commission.service.js';

const INTERVAL_MS = 15 * 60_000;
const BATCH = 200;

@Injectable()
export class CommissionApprovalJob extends PeriodicJob {
  constructor(
    private readonly commissions: CommissionRepository,
    private readonly service: CommissionService,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, INTERVAL_MS);
  }

  /** Approves what is due now; returns how many. Safe to run concurrently and repeatedly. */
  override async run(): Promise<number> {
    const now = this.clock.now();
    let approved = 0;
    // Batches by id, so commissions held back (suspended reps) never starve the ones after them.
    for (let after: Types.ObjectId | undefined; ;) {
      const due = await this.commissions.dueForApproval(now, BATCH, after);
      const owners = await this.users.findByIds([...new Set(due.map((c) => c.ownerId.toHexString()))]);
      const suspended = new Set(
        owners.filter((user) => user.suspendedUntil && user.suspendedUntil > now).map((user) => user._id.toHexString()),
      );
      for (const commission of due) {
        if (suspended.has(commission.ownerId.toHexString())) continue;
        const isApproved = await this.unitOfWork.run((tx) =>
          this.service.move(tx, commission, CommissionStatus.APPROVED, { now, actorId: null }),
        );
        if (isApproved) approved += 1;
      }
      if (due.length < BATCH) return approved;
      after = due.at(-1)!._id;
    }
  }
}
