// The gateway token: generated once (0600 file), reused, or given explicitly; and its check.
import { mkdtempSync, rmSync, statSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../electron/core/http/auth';
import { loadOrCreateToken, resolveToken, TOKEN_FILE } from '../../../electron/core/http/gateway-token';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('gateway token', () => {
  it('is generated at first run into a 0600 file and reused afterwards', () => {
    dir = mkdtempSync(join(tmpdir(), 'penin-token-'));
    const data = join(dir, 'data');
    const t = loadOrCreateToken(data);
    expect(t).toMatch(/^penin-[A-Za-z0-9_-]{43}$/);
    const file = join(data, TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(t);
    expect(loadOrCreateToken(data)).toBe(t);
    expect(resolveToken(data, 'explicit-token-1234567')).toBe('explicit-token-1234567');
  });

  it('refuses a token file others can read, and a too-short or spaced explicit token', () => {
    dir = mkdtempSync(join(tmpdir(), 'penin-token-'));
    loadOrCreateToken(dir);
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    expect(() => loadOrCreateToken(dir)).toThrow(/readable by other users .*chmod 600/);
    expect(() => resolveToken(dir, 'short')).toThrow(/at least 16 characters/);
    expect(() => resolveToken(dir, 'has a space in the middle')).toThrow(/printable ASCII without spaces/);
  });
});

describe('BearerAuth', () => {
  const auth = new BearerAuth('the-right-token-123');
  it.each([
    [undefined, /Missing bearer token/],
    ['Basic dXNlcjpwYXNz', /Malformed Authorization header/],
    ['Bearer the-right-token-12', /Incorrect bearer token/],
    ['Bearer the-right-token-1234', /Incorrect bearer token/],
  ])('rejects %s', (header, why) => {
    expect(auth.check(header)).toMatch(why);
  });
  it('accepts the token, whatever the scheme case', () => {
    expect(auth.check('Bearer the-right-token-123')).toBeNull();
    expect(auth.check('bearer the-right-token-123')).toBeNull();
  });
});
