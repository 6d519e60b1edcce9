// Serial voting: one voter casting many votes on one user's posts in a day is not an assessment
// of the posts. A daily job takes back the reputation those votes gave (the votes themselves stay,
// as on Stack Exchange) and records why in the ledger.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, PeriodicJob } from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { PostStatsService } from '@helpboard/threads';
import { ReputationService } from './reputation.service.js';

/** Votes by one voter on one author's posts within the window that count as serial (configurable). */
export const SERIAL_VOTE_THRESHOLD = 10;
const WINDOW_MS = 24 * 3_600_000;

@Injectable()
export class SerialVotingJob extends PeriodicJob {
  private readonly logger = new Logger(SerialVotingJob.name);

  constructor(
    private readonly stats: PostStatsService,
    private readonly reputation: ReputationService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config, WINDOW_MS);
  }

  /** Reverses the reputation of serial votes cast in the last 24 hours; returns how many votes. Idempotent. */
  override async run(threshold = SERIAL_VOTE_THRESHOLD): Promise<number> {
    const now = this.clock.now();
    const groups = await this.stats.serialVotes(new Date(now.getTime() - WINDOW_MS), now, threshold);
    let reversed = 0;
    for (const group of groups) {
      const voterId = group.voterId.toHexString();
      await this.unitOfWork.run(async (tx) => {
        for (const postId of group.postIds) {
          const post = await this.stats.post(postId.toHexString());
          if (!post) continue;
          await this.reputation.reverse(
            tx,
            {
              source: `vote:${postId.toHexString()}:${voterId}`,
              boardId: post.boardId.toHexString(),
              actorId: voterId,
              postId: postId.toHexString(),
              at: now,
            },
            `serial-voting:${voterId}`,
          );
        }
      });
      reversed += group.postIds.length;
    }
    if (reversed > 0) this.logger.warn(`serial voting: reputation of ${reversed} votes reversed`);
    return reversed;
  }
}
