// The browser UI's access token: random, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newUiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality (hashing first makes the comparison independent of the lengths too). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
