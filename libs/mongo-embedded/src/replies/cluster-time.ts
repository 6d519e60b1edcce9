// The logical clock of a one-member replica set: every reply carries `operationTime` and
// `$clusterTime` (drivers gossip the latter and send it back as `readConcern.afterClusterTime`
// in causally consistent sessions). The clock ticks on each change, as the oplog's optime does.
import { Binary, type Document, Long, Timestamp } from 'bson';

/** mongod without keys signs with a zero hash and key id 0; drivers pass it back unchanged. */
const UNSIGNED = { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO };

export class LogicalClock {
  private seconds = 0;
  private increment = 0;

  /** The optime of the latest change (what a read observes). */
  current(): Timestamp {
    if (this.seconds === 0) this.tick();
    return new Timestamp({ t: this.seconds, i: this.increment });
  }

  /** A new optime for a change: later than every earlier one. */
  tick(nowMs = Date.now()): Timestamp {
    const seconds = Math.floor(nowMs / 1000);
    if (seconds > this.seconds) {
      this.seconds = seconds;
      this.increment = 1;
    } else this.increment++;
    return this.current();
  }

  /**
   * `afterClusterTime`: a primary answers once its optime has reached the time asked for,
   * writing a no-op to advance when it is ahead of every write (a client gossiped a later time).
   */
  reach(wanted: Timestamp): void {
    const current = this.current();
    if (wanted.greaterThan(current)) {
      this.seconds = wanted.high;
      this.increment = wanted.low;
    }
  }

  stamp(reply: Document): Document {
    const time = this.current();
    reply.operationTime = time;
    reply.$clusterTime = { clusterTime: time, signature: UNSIGNED };
    return reply;
  }
}
