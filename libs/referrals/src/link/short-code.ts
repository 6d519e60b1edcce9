// Link codes: 10 characters from a 31-letter alphabet without look-alikes (about 49 bits), drawn from
// the CSPRNG, so codes cannot be enumerated; a collision is caught by the unique index and retried.
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const CODE_PATTERN = /^[2-9a-hjkmnp-z]{10}$/;

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
