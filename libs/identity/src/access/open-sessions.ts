// Which sessions this instance has seen open, and at which version of their user's row. Ending a
// session moves the user's stateVersion (in the same transaction), and every signed-in request
// reads the user's row anyway: while the version is the one remembered, the session is still open
// and need not be read again. So a logout, a password change or a leaked refresh token ends the
// session on every instance at once, and a signed-in request costs one read instead of two.
import { Injectable } from '@nestjs/common';

/** Sessions remembered; the oldest go first past this. */
const MAX_REMEMBERED = 20_000;

@Injectable()
export class OpenSessions {
  private readonly seen = new Map<string, { userId: string; stateVersion: number }>();

  /** Whether this session of this user was seen open at this version of the user's row. */
  isKnownOpen(sessionId: string, userId: string, stateVersion: number): boolean {
    const entry = this.seen.get(sessionId);
    return entry !== undefined && entry.userId === userId && entry.stateVersion === stateVersion;
  }

  /** Whether anything is remembered of this session (then the user's row is read first, alone). */
  has(sessionId: string): boolean {
    return this.seen.has(sessionId);
  }

  remember(sessionId: string, userId: string, stateVersion: number): void {
    this.seen.delete(sessionId);
    if (this.seen.size >= MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(sessionId, { userId, stateVersion });
  }
}
