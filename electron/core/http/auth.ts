// Bearer-token check in constant time: both sides are hashed to 32 bytes first, so neither the
// content nor the length of the expected token leaks through timing.
//
// Per connection, the last header that passed is remembered: a keep-alive client sends the same
// header on every request, and comparing it with what the same connection already proved costs no
// hash. That comparison leaks nothing: the remembered text is one this connection's own client sent
// and that was checked in constant time, so only a client that already holds the token gets there.
import { hash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

export class BearerAuth {
  private readonly expected: Buffer;
  /** Connection → the Authorization header that last passed on it. */
  private readonly passed = new WeakMap<object, string>();

  constructor(token: string) {
    this.expected = hash('sha256', token, 'buffer');
  }

  /** check() for a request on `connection` (its socket): no hash when it repeats the header that passed there. */
  checkOn(connection: object, header: string | undefined): string | null {
    if (header !== undefined && this.passed.get(connection) === header) return null;
    const denied = this.check(header);
    if (denied === null && header !== undefined) this.passed.set(connection, header);
    else this.passed.delete(connection);
    return denied;
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
