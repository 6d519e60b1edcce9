// Time comes from here, never from `new Date()` in domain code, so tests can move it.

export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move: vote locks, holds and SLAs are tested with it. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date = new Date('2026-01-01T00:00:00Z')) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(to: Date): void {
    this.current = to.getTime();
  }
}
