// The seed's HMACCache: string values with a TTL, each sealed with HMAC-SHA256 over (key, value, expiry),
// bounded by entry count and bytes with LRU eviction. get() never throws: tampering reads as a miss.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CacheStats } from '../../../shared/domain';
import { systemClock, type Clock } from '../model/clock';

export interface CacheOptions {
  /** HMAC secret, at least 32 bytes (see loadOrCreateSecret). */
  key: Uint8Array;
  /** Default 1000. */
  maxEntries?: number;
  /** Key + value bytes (UTF-8) held at most; default 64 MiB. */
  maxBytes?: number;
  clock?: Clock;
}

export const MIN_KEY_BYTES = 32;
export const DEFAULT_TTL_SECONDS = 3600;

const DOMAIN_TAG = Buffer.from('penin-hmac-cache-v1', 'utf8');

interface Entry {
  value: string;
  /** Epoch ms after which the entry is expired (the seed's `now > expires`). */
  expiresAt: number;
  mac: Buffer;
  bytes: number;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}`);
  return value;
}

/**
 * HMAC-SHA256 over a domain tag and the length-prefixed cache key, value and expiry (float64), so no
 * two different (key, value, expiry) triples are ever fed to the MAC as the same bytes.
 */
export function cacheMac(secret: Uint8Array, key: string, value: string, expiresAt: number): Buffer {
  const expiry = Buffer.alloc(8);
  expiry.writeDoubleBE(expiresAt);
  const h = createHmac('sha256', secret);
  for (const part of [DOMAIN_TAG, Buffer.from(key, 'utf8'), Buffer.from(value, 'utf8'), expiry]) {
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(part.length));
    h.update(len);
    h.update(part);
  }
  return h.digest();
}

export class HMACCache {
  private readonly secret: Buffer;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly clock: Clock;
  /** Map order is recency order: first = least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** A lower bound on the earliest expiry held, so sweeps cost nothing until something can have expired. */
  private earliestExpiry = Infinity;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private expired = 0;
  private integrityFailures = 0;
  private readonly listeners = new Set<() => void>();

  constructor(opts: CacheOptions) {
    if (!(opts.key instanceof Uint8Array) || opts.key.length < MIN_KEY_BYTES) {
      const got = opts.key instanceof Uint8Array ? `${opts.key.length} bytes` : typeof opts.key;
      throw new RangeError(`HMACCache key must be at least ${MIN_KEY_BYTES} random bytes, got ${got}`);
    }
    this.secret = Buffer.from(opts.key); // a copy: later changes to the caller's array do not matter
    this.maxEntries = positiveInt(opts.maxEntries ?? 1000, 'maxEntries');
    this.maxBytes = positiveInt(opts.maxBytes ?? 64 * 1024 * 1024, 'maxBytes');
    this.clock = opts.clock ?? systemClock;
  }

  /**
   * Store `value` under `key` for `ttlSeconds` (seed default 3600). A value too big to ever fit in
   * maxBytes is not stored (counted as an eviction) and any older value for the key is dropped.
   */
  set(key: string, value: string, ttlSeconds: number = DEFAULT_TTL_SECONDS): void {
    if (typeof key !== 'string') throw new TypeError(`cache key must be a string, got ${typeof key}`);
    if (typeof value !== 'string') throw new TypeError(`cache value must be a string, got ${typeof value}`);
    if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
      throw new RangeError(`ttlSeconds must be a finite number >= 0, got ${String(ttlSeconds)}`);
    }
    this.remove(key);
    const bytes = Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    if (bytes > this.maxBytes) {
      this.evictions += 1;
      this.emit();
      return;
    }
    const expiresAt = this.clock.now() + ttlSeconds * 1000;
    this.entries.set(key, { value, expiresAt, mac: this.mac(key, value, expiresAt), bytes });
    this.bytes += bytes;
    this.earliestExpiry = Math.min(this.earliestExpiry, expiresAt);
    this.makeRoom();
    this.emit();
  }

  /** The value, or null when absent, expired, or failing its integrity check. Never throws. */
  get(key: string): string | null {
    const entry = typeof key === 'string' ? this.entries.get(key) : undefined;
    if (!entry) return this.miss();
    if (!this.intact(key, entry)) {
      this.integrityFailures += 1;
      this.remove(key);
      return this.miss();
    }
    if (this.clock.now() > entry.expiresAt) {
      this.expired += 1;
      this.remove(key);
      return this.miss();
    }
    this.hits += 1;
    this.entries.delete(key); // move to most recently used
    this.entries.set(key, entry);
    this.emit();
    return entry.value;
  }

  delete(key: string): boolean {
    const removed = this.remove(key);
    if (removed) this.emit();
    return removed;
  }

  /** Drops every entry; the counters (hits, misses, ...) are lifetime totals and stay. */
  clear(): void {
    if (this.entries.size === 0) return;
    this.entries.clear();
    this.bytes = 0;
    this.earliestExpiry = Infinity;
    this.emit();
  }

  /** Expired entries are swept first, so `entries` and `bytes` count only live ones. */
  stats(): CacheStats {
    if (this.sweepExpired() > 0) this.emit();
    const lookups = this.hits + this.misses;
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxEntries: this.maxEntries,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      hitRate: lookups === 0 ? 0 : this.hits / lookups,
      evictions: this.evictions,
      expired: this.expired,
      integrityFailures: this.integrityFailures,
    };
  }

  /** Calls `listener` after anything that changes stats(); returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** For fault-injection tests and the demo: overwrite the stored value without re-MACing. */
  corruptForTest(key: string, value: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    const bytes = Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    this.bytes += bytes - entry.bytes;
    entry.value = value;
    entry.bytes = bytes;
    this.emit();
    return true;
  }

  private mac(key: string, value: string, expiresAt: number): Buffer {
    return cacheMac(this.secret, key, value, expiresAt);
  }

  private intact(key: string, entry: Entry): boolean {
    const expected = this.mac(key, entry.value, entry.expiresAt);
    return entry.mac.length === expected.length && timingSafeEqual(entry.mac, expected);
  }

  private miss(): null {
    this.misses += 1;
    this.emit();
    return null;
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    return true;
  }

  private sweepExpired(): number {
    const now = this.clock.now();
    if (!(now > this.earliestExpiry)) return 0;
    let swept = 0;
    let earliest = Infinity;
    for (const [key, entry] of this.entries) {
      if (now > entry.expiresAt) {
        this.remove(key);
        this.expired += 1;
        swept += 1;
      } else {
        earliest = Math.min(earliest, entry.expiresAt);
      }
    }
    this.earliestExpiry = earliest;
    return swept;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A faulty listener must neither break the cache nor starve the other listeners.
      }
    }
  }

  /** Over a bound: drop expired entries first, then least recently used ones (counted as evictions). */
  private makeRoom(): void {
    const over = (): boolean => this.entries.size > this.maxEntries || this.bytes > this.maxBytes;
    if (!over()) return;
    this.sweepExpired();
    for (const key of this.entries.keys()) {
      if (!over()) break;
      this.remove(key);
      this.evictions += 1;
    }
  }
}
