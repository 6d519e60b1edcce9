import { describe, expect, it } from '@jest/globals';
import { CsrfTokens } from './csrf.js';

describe('CSRF tokens', () => {
  const tokens = new CsrfTokens('a-secret-that-is-long-enough-for-the-test');

  it("accepts the token of the browser's own cookie only", () => {
    const mine = tokens.newCookieValue();
    const theirs = tokens.newCookieValue();
    expect(tokens.isValid(mine, tokens.tokenFor(mine))).toBe(true);
    expect(tokens.isValid(mine, tokens.tokenFor(theirs))).toBe(false);
    expect(tokens.isValid(undefined, tokens.tokenFor(mine))).toBe(false);
    expect(tokens.isValid(mine, undefined)).toBe(false);
  });

  it('does not accept a token made with another secret', () => {
    const cookie = tokens.newCookieValue();
    expect(tokens.isValid(cookie, new CsrfTokens('another-secret-long-enough-for-hmac-xx').tokenFor(cookie))).toBe(
      false,
    );
  });
});
