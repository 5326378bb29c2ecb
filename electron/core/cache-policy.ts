// Which responses the gateway may cache, and under what key.
//
// RULE: only requests that are safe to replay are cached, i.e. all of:
//   - not streaming (`stream` absent or false);
//   - `temperature` explicitly set to 0 (absent means the provider's default, which samples);
//   - `n` absent or 1;
//   - no `Cache-Control: no-store` request header.
// The key is the SHA-256 of the canonical request: every body field (model, messages and every
// sampling parameter, tools, user, ...) with object keys sorted, minus `stream`/`stream_options`.
// A hit costs nothing; values are sealed by HMACCache, so a tampered entry reads as a miss.
import { createHash } from 'node:crypto';
import type { ChatRequest } from './chat-request';

export type CacheVerdict = 'cacheable' | 'bypass';

/** Whether a request's response may be served from / stored into the cache. */
export function cacheVerdict(req: ChatRequest, cacheControl: string | undefined): CacheVerdict {
  if (req.stream === true) return 'bypass';
  if (req.temperature !== 0) return 'bypass';
  if (req.n !== undefined && req.n !== null && req.n !== 1) return 'bypass';
  if (cacheControl !== undefined && /(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)) return 'bypass';
  return 'cacheable';
}

/** JSON with object keys sorted at every level: equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Cache key of a request: hex SHA-256 of its canonical form. */
export function cacheKey(req: ChatRequest): string {
  const { stream: _stream, stream_options: _options, ...rest } = req;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** What the cache stores: the answer and who produced it (for the ledger entry of a later hit). */
export interface CachedAnswer {
  provider: string;
  body: string;
}

export function encodeCached(a: CachedAnswer): string {
  return JSON.stringify([a.provider, a.body]);
}

/** null if the stored text is not a cached answer (never served). */
export function decodeCached(text: string): CachedAnswer | null {
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      return { provider: v[0], body: v[1] };
    }
  } catch {
    // fall through
  }
  return null;
}
