// Bearer-token check in constant time: both sides are hashed to 32 bytes first, so neither the
// content nor the length of the expected token leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export class BearerAuth {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = createHash('sha256').update(token, 'utf8').digest();
  }

  /** null when authorized, else why not (for the 401 message). */
  check(header: string | undefined): string | null {
    if (header === undefined || header === '')
      return 'Missing bearer token: send "Authorization: Bearer <token>".';
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) return 'Malformed Authorization header: expected "Bearer <token>".';
    const given = createHash('sha256').update(m[1], 'utf8').digest();
    return timingSafeEqual(given, this.expected) ? null : 'Incorrect bearer token.';
  }
}
