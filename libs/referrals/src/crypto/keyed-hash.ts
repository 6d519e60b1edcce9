// Clickers' IP addresses and user agents are kept only as keyed hashes: equal inputs still match
// (dedupe, burst detection, the rep's own sessions) but the raw values cannot be recovered, and
// without the key a hash cannot even be confirmed by guessing the IPv4 space.
import { createHash, createHmac } from 'node:crypto';

export class KeyedHash {
  constructor(private readonly key: Buffer) {}

  of(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

/** What partners send to identify a converting customer without sending the address itself. */
export function emailHashOf(normalisedEmail: string): string {
  return createHash('sha256').update(normalisedEmail).digest('hex');
}
