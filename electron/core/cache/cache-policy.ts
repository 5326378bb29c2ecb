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
import type { ChatRequest } from '../model/chat-request';

export type CacheVerdict = 'cacheable' | 'bypass';

/** Whether a request's response may be served from / stored into the cache. */
export function cacheVerdict(req: ChatRequest, cacheControl: string | undefined): CacheVerdict {
  if (req.stream === true) return 'bypass';
  if (req.temperature !== 0) return 'bypass';
  if (req.n !== undefined && req.n !== null && req.n !== 1) return 'bypass';
  if (cacheControl !== undefined && /(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)) return 'bypass';
  return 'cacheable';
}

/** A value still to write, or text to write as it is (brackets, commas, `"key":`). */
type Pending = { value: unknown } | string;

/**
 * JSON with object keys sorted at every level: equal requests give equal text. Iterative, with an
 * explicit stack (no recursion), so however deep a value nests this cannot overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  let out = '';
  const stack: Pending[] = [{ value }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object') {
      out += JSON.stringify(v) ?? 'null';
    } else if (Array.isArray(v)) {
      // pushed in reverse: the stack gives them back in order
      stack.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] as unknown });
        if (i > 0) stack.push(',');
      }
      out += '[';
    } else {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      stack.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: obj[keys[i]] });
        stack.push(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
      }
      out += '{';
    }
  }
  return out;
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
