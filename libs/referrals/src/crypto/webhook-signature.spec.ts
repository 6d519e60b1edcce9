import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { deriveKey, SecretBox } from './secret-box.js';
import { signatureHeader, verifySignature } from './webhook-signature.js';

const now = new Date('2026-03-01T12:00:00Z');
const t = Math.floor(now.getTime() / 1000);
const body = Buffer.from('{"externalId":"reg-1","occurredAt":"2026-03-01T11:59:00Z"}');

describe('webhook signatures', () => {
  it('accepts the signature of the exact raw body', () => {
    expect(verifySignature(signatureHeader('s1', t, body), body, ['s1'], now)).toBe('VALID');
  });

  it('rejects a body changed by one byte, a wrong secret and a malformed header', () => {
    const header = signatureHeader('s1', t, body);
    expect(verifySignature(header, Buffer.from(body.toString().replace('1', '2')), ['s1'], now)).toBe('MISMATCH');
    expect(verifySignature(header, body, ['s2'], now)).toBe('MISMATCH');
    expect(verifySignature('v1=abc', body, ['s1'], now)).toBe('MALFORMED');
    expect(verifySignature(undefined, body, ['s1'], now)).toBe('MALFORMED');
  });

  it('rejects a timestamp more than five minutes away', () => {
    expect(verifySignature(signatureHeader('s1', t - 301, body), body, ['s1'], now)).toBe('STALE');
    expect(verifySignature(signatureHeader('s1', t - 299, body), body, ['s1'], now)).toBe('VALID');
  });

  it('accepts either secret during a rotation overlap', () => {
    expect(verifySignature(signatureHeader('old', t, body), body, ['new', 'old'], now)).toBe('VALID');
  });
});

describe('secrets at rest', () => {
  const box = new SecretBox(deriveKey(randomBytes(32), 'partner-secrets'));

  it('opens what it sealed, only for the same partner', () => {
    const sealed = box.seal('whsec_abc', 'partner-1');
    expect(sealed.sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'partner-1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'partner-2')).toThrow();
  });

  it('does not open under another key', () => {
    const other = new SecretBox(deriveKey(randomBytes(32), 'partner-secrets'));
    expect(() => other.open(box.seal('x', 'p'), 'p')).toThrow();
  });
});
