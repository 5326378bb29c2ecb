import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheMac, HMACCache, type CacheOptions } from '../../../electron/core/cache/cache';
import { ManualClock } from '../../../electron/core/model/clock';

const key = (): Buffer => randomBytes(32);

describe('HMACCache: the seed API', () => {
  it('returns what was stored and null for what was not', () => {
    const c = new HMACCache({ key: key() });
    c.set('prompt-1', 'answer-1');
    expect(c.get('prompt-1')).toBe('answer-1');
    expect(c.get('prompt-2')).toBeNull();
  });

  it('expires after ttlSeconds (default 3600), strictly after as in the seed', () => {
    const clock = new ManualClock(0);
    const c = new HMACCache({ key: key(), clock });
    c.set('short', 'v', 10);
    c.set('default', 'v');
    clock.advance(10_000);
    expect(c.get('short')).toBe('v');
    clock.advance(1);
    expect(c.get('short')).toBeNull();
    clock.set(3_600_000);
    expect(c.get('default')).toBe('v');
    clock.advance(1);
    expect(c.get('default')).toBeNull();
    expect(c.stats()).toMatchObject({ expired: 2, entries: 0, hits: 2, misses: 2 });
  });

  it('stats() sweeps out expired entries without any get()', () => {
    const clock = new ManualClock(0);
    const c = new HMACCache({ key: key(), clock });
    c.set('a', '1', 1);
    c.set('b', '2', 5);
    clock.advance(1001);
    expect(c.stats()).toMatchObject({ entries: 1, bytes: 2, expired: 1, misses: 0 });
    clock.advance(3999); // t = 5000: b expires strictly after 5 s
    expect(c.stats()).toMatchObject({ entries: 1, expired: 1 });
    clock.advance(1);
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0, expired: 2 });
  });

  it('clear() drops the entries but keeps the lifetime counters', () => {
    const c = new HMACCache({ key: key() });
    c.set('a', '1');
    c.get('a');
    c.clear();
    expect(c.get('a')).toBeNull();
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 1, misses: 1, hitRate: 0.5 });
  });
});

describe('HMACCache: integrity', () => {
  it('turns a tampered value into a counted miss and evicts it, without throwing', () => {
    const c = new HMACCache({ key: key() });
    c.set('k', 'genuine');
    expect(c.corruptForTest('k', 'forged')).toBe(true);
    expect(c.get('k')).toBeNull();
    expect(c.stats()).toMatchObject({ integrityFailures: 1, entries: 0, bytes: 0, misses: 1 });
    expect(c.get('k')).toBeNull();
    expect(c.stats().integrityFailures).toBe(1);
    expect(c.corruptForTest('absent', 'x')).toBe(false);
  });

  it('binds key, value and expiry with unambiguous framing', () => {
    const s = key();
    const base = cacheMac(s, 'ab', 'c', 1000);
    expect(cacheMac(s, 'ab', 'c', 1000).equals(base)).toBe(true);
    expect(cacheMac(s, 'a', 'bc', 1000).equals(base)).toBe(false);
    expect(cacheMac(s, 'abc', '', 1000).equals(base)).toBe(false);
    expect(cacheMac(s, 'ab', 'c', 1001).equals(base)).toBe(false);
    expect(cacheMac(key(), 'ab', 'c', 1000).equals(base)).toBe(false);
    expect(base).toHaveLength(32);
  });

  it('MACs exactly: tag, key, value, float64 expiry, each with an 8-byte big-endian length', () => {
    const s = key();
    const field = (b: Buffer): Buffer => {
      const len = Buffer.alloc(8);
      len.writeBigUInt64BE(BigInt(b.length));
      return Buffer.concat([len, b]);
    };
    const expiry = Buffer.alloc(8);
    expiry.writeDoubleBE(1_700_000_000_123);
    const framed = Buffer.concat([
      field(Buffer.from('penin-hmac-cache-v1')),
      field(Buffer.from('clé', 'utf8')),
      field(Buffer.from('valor €', 'utf8')),
      field(expiry),
    ]);
    const expected = createHmac('sha256', s).update(framed).digest();
    expect(cacheMac(s, 'clé', 'valor €', 1_700_000_000_123).equals(expected)).toBe(true);
  });

  it('keeps its own copy of the secret', () => {
    const secret = key();
    const c = new HMACCache({ key: secret });
    c.set('k', 'v');
    secret.fill(0);
    expect(c.get('k')).toBe('v');
  });

  it('refuses a missing or short secret (there is no built-in default)', () => {
    expect(() => new HMACCache({ key: randomBytes(31) })).toThrow(/at least 32 random bytes, got 31 bytes/);
    expect(() => new HMACCache({} as unknown as CacheOptions)).toThrow(
      /at least 32 random bytes, got undefined/,
    );
    expect(() => new HMACCache({ key: 'a'.repeat(40) as unknown as Uint8Array })).toThrow(/got string/);
  });
});

describe('HMACCache: bounds and LRU eviction', () => {
  it('evicts the least recently used entry when over maxEntries', () => {
    const c = new HMACCache({ key: key(), maxEntries: 3 });
    c.set('a', '1');
    c.set('b', '2');
    c.set('c', '3');
    c.get('a'); // a is now the most recently used
    c.set('d', '4');
    expect([c.get('a'), c.get('b'), c.get('c'), c.get('d')]).toEqual(['1', null, '3', '4']);
    expect(c.stats()).toMatchObject({ entries: 3, evictions: 1 });
  });

  it('evicts by bytes, counting key and UTF-8 value bytes', () => {
    const c = new HMACCache({ key: key(), maxBytes: 10 });
    c.set('k1', 'abc'); // 5 bytes
    c.set('k2', 'é€'); // 2 + 2 + 3 = 7 bytes: k1 must go
    expect(c.stats()).toMatchObject({ entries: 1, bytes: 7, evictions: 1 });
    expect(c.get('k1')).toBeNull();
    c.set('k2', 'x'); // overwriting replaces the bytes
    expect(c.stats()).toMatchObject({ entries: 1, bytes: 3 });
  });

  it('drops expired entries before evicting live ones', () => {
    const clock = new ManualClock(0);
    const c = new HMACCache({ key: key(), maxEntries: 2, clock });
    c.set('old', 'v', 1);
    c.set('live', 'v', 100);
    clock.advance(2000);
    c.set('new', 'v');
    expect(c.get('live')).toBe('v');
    expect(c.stats()).toMatchObject({ entries: 2, evictions: 0, expired: 1 });
  });

  it('does not store a value that can never fit, and forgets the older value for that key', () => {
    const c = new HMACCache({ key: key(), maxBytes: 8 });
    c.set('k', 'small');
    c.set('k', 'far too large');
    expect(c.get('k')).toBeNull();
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0, evictions: 1 });
  });

  it('stays within its bounds and never serves a value other than the last one set', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        k: fc.integer({ min: 0, max: 7 }),
        v: fc.string({ maxLength: 12 }),
        ttl: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({ kind: fc.constant('get' as const), k: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('del' as const), k: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const clock = new ManualClock(0);
        const c = new HMACCache({ key: key(), maxEntries: 4, maxBytes: 30, clock });
        const last = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'tick') clock.advance(o.ms);
          else if (o.kind === 'del') c.delete(`k${o.k}`);
          else if (o.kind === 'set') {
            c.set(`k${o.k}`, o.v, o.ttl);
            last.set(`k${o.k}`, o.v);
          } else {
            const got = c.get(`k${o.k}`);
            if (got !== null) expect(got).toBe(last.get(`k${o.k}`));
          }
          const s = c.stats();
          expect(s.entries).toBeLessThanOrEqual(4);
          expect(s.bytes).toBeLessThanOrEqual(30);
          expect(s.bytes).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('HMACCache: stats, events and bad input', () => {
  it('reports exactly the CacheStats shape', () => {
    const c = new HMACCache({ key: key(), maxEntries: 10, maxBytes: 1000 });
    expect(c.stats()).toEqual({
      entries: 0,
      bytes: 0,
      maxEntries: 10,
      maxBytes: 1000,
      hits: 0,
      misses: 0,
      hitRate: 0,
      evictions: 0,
      expired: 0,
      integrityFailures: 0,
    });
    c.set('ab', 'cd');
    c.get('ab');
    c.get('ab');
    c.get('ab');
    c.get('zz');
    expect(c.stats()).toEqual({
      entries: 1,
      bytes: 4,
      maxEntries: 10,
      maxBytes: 1000,
      hits: 3,
      misses: 1,
      hitRate: 0.75,
      evictions: 0,
      expired: 0,
      integrityFailures: 0,
    });
    expect(c.delete('ab')).toBe(true);
    expect(c.delete('ab')).toBe(false);
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('notifies listeners on each change, survives a throwing listener, and unsubscribes', () => {
    const c = new HMACCache({ key: key() });
    let calls = 0;
    c.onChange(() => {
      throw new Error('faulty listener');
    });
    const off = c.onChange(() => calls++);
    c.set('a', '1');
    c.get('a');
    c.get('missing');
    c.delete('a');
    c.delete('a'); // nothing changed
    expect(calls).toBe(4);
    off();
    c.set('b', '2');
    expect(calls).toBe(4);
  });

  it('gives each kind of bad input a clear error, except get() which never throws', () => {
    const c = new HMACCache({ key: key() });
    expect(() => c.set('k', 'v', -1)).toThrow(/ttlSeconds must be a finite number >= 0, got -1/);
    expect(() => c.set('k', 'v', Number.NaN)).toThrow(/ttlSeconds must be a finite number >= 0, got NaN/);
    expect(() => c.set('k', 'v', Infinity)).toThrow(/ttlSeconds must be a finite number/);
    expect(() => c.set('k', 42 as unknown as string)).toThrow(/cache value must be a string, got number/);
    expect(() => c.set(null as unknown as string, 'v')).toThrow(/cache key must be a string/);
    expect(() => new HMACCache({ key: key(), maxEntries: 0 })).toThrow(
      /maxEntries must be a positive integer, got 0/,
    );
    expect(() => new HMACCache({ key: key(), maxBytes: 1.5 })).toThrow(
      /maxBytes must be a positive integer, got 1.5/,
    );
    expect(c.get(7 as unknown as string)).toBeNull();
    expect(c.stats().entries).toBe(0);
  });
});
