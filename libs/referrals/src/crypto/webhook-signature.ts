// `Helpboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">` (the scheme Stripe
// made familiar): the timestamp inside the MAC stops replays of an old body past the tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'helpboard-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureVerdict = 'VALID' | 'MALFORMED' | 'STALE' | 'MISMATCH';

export function signPayload(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, rawBody)}`;
}

function parse(header: string | undefined): { timestamp: number; signatures: Buffer[] } | null {
  if (!header || header.length > 1_000) return null;
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')) signatures.push(Buffer.from(value, 'hex'));
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks the header against every secret currently valid for the partner (two during a rotation's
 * overlap). Every comparison is constant-time and all of them run, so timing says nothing about
 * which secret or which byte differed.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secrets: readonly string[],
  now: Date,
): SignatureVerdict {
  const parsed = parse(header);
  if (!parsed) return 'MALFORMED';
  if (Math.abs(now.getTime() / 1000 - parsed.timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'STALE';
  let isMatch = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, parsed.timestamp, rawBody), 'hex');
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, candidate)) isMatch = true;
    }
  }
  return isMatch ? 'VALID' : 'MISMATCH';
}
