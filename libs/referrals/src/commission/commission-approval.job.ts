// Approves pending commissions once their hold has passed — unless frozen (hidden post), waiting
// for review (flagged) or earned by a rep who is suspended right now (held until lifted).
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, runPeriodically } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { CommissionStatus } from './commission-state-machine.js';
import { CommissionRepository } from './commission.repository.js';
import { CommissionService } from './commission.service.js';

const INTERVAL_MS = 15 * 60_000;
const BATCH = 200;

@Injectable()
export class CommissionApprovalJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CommissionApprovalJob.name);
  private stop?: () => void;

  constructor(
    private readonly commissions: CommissionRepository,
    private readonly service: CommissionService,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) return;
    this.stop = runPeriodically(
      INTERVAL_MS,
      () => this.run(),
      (error) => this.logger.error({ err: error }, 'commission approval failed'),
    );
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
  }

  /** Approves what is due now; returns how many. Safe to run concurrently and repeatedly. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let approved = 0;
    const due = await this.commissions.dueForApproval(now, BATCH);
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
    return approved;
  }
}
