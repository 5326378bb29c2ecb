// Bearer-token check in constant time: both sides are hashed to 32 bytes first, so neither the
// content nor the length of the expected token leaks through timing.
import { hash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

export class BearerAuth {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = hash('sha256', token, 'buffer');
  }

  /** null when authorized, else why not (for the 401 message). */
  check(header: string | undefined): string | null {
    if (header === undefined || header === '')
      return 'Missing bearer token: send "Authorization: Bearer <token>".';
    const m = BEARER.exec(header);
    if (!m) return 'Malformed Authorization header: expected "Bearer <token>".';
    const given = hash('sha256', m[1], 'buffer'); // one-shot: no Hash object per request
    return timingSafeEqual(given, this.expected) ? null : 'Incorrect bearer token.';
  }
}
