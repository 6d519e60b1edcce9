// Work that must happen exactly once per committed change but must not sit in the change's own
// transaction: documents that every writer on a board shares (insight buckets, a tag's question
// count). Inside the user's transaction such documents make concurrent writers conflict, so that
// all but one abort and start over; here the user's transaction only writes an outbox message.
//
// After commit the outbox relay applies the message itself, at least once, in whichever instance
// claims it (also after a crash: undelivered messages are picked up by the next poll or start).
// The job runs in its own transaction together with a marker keyed by the message's event id, so
// a second delivery finds the marker and changes nothing: `$inc` is applied once.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import { Clock } from '@helpboard/core';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { type TransactionContext, UnitOfWork } from '../transaction/unit-of-work.js';
import { AppliedJob } from './applied-job.schema.js';

/** What every after-commit job's payload carries besides its own fields. */
export interface AfterCommitPayload {
  /** Made when the change's transaction wrote the message: the same on every delivery. */
  eventId: string;
}

@Injectable()
export class AfterCommitJobs {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @InjectModel(AppliedJob.name) private readonly applied: Model<AppliedJob>,
  ) {}

  /**
   * Registers the job of `topic`. `apply` runs in a transaction and writes through `tx` only, so
   * its writes and the marker commit together. Payloads cross the outbox and the job queue as
   * JSON: dates travel as ISO strings.
   */
  define<P extends object>(
    topic: string,
    apply: (payload: P & AfterCommitPayload, tx: TransactionContext) => Promise<void>,
  ) {
    this.relay.registerInline(topic, (payload) =>
      // One topic's jobs share documents: in line in this process rather than conflicting.
      this.unitOfWork.run(
        async (tx) => {
          const event = payload as P & AfterCommitPayload;
          if (!(await this.markApplied(tx, `${topic}:${event.eventId}`))) return;
          await apply(event, tx);
        },
        { queueOn: `after-commit:${topic}` },
      ),
    );
  }

  /** Called inside the change's transaction: the job commits (as a message) with the change. */
  enqueue<P extends object>(tx: TransactionContext, topic: string, payload: P): void {
    tx.enqueue(topic, { ...payload, eventId: new Types.ObjectId().toHexString() });
  }

  /** False when the job was applied before (its marker exists). */
  private async markApplied(tx: TransactionContext, key: string): Promise<boolean> {
    const result = await this.applied
      .updateOne({ _id: key }, { $setOnInsert: { appliedAt: this.clock.now() } }, { upsert: true, session: tx.session })
      .exec();
    return result.upsertedCount === 1;
  }
}
