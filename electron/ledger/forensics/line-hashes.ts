// A line's previous_hash and current_hash, read as the verifier reads them: through the fast path
// for lines in Python's own form, else parsed; null for a line with no current_hash to link to.
import { decodeLine } from '../chain-verifier';
import { fastLineHash } from '../fast-canonical';
import { pyLoads } from '../pyjson-parse';

export interface LineHashes {
  current: string;
  /** null when the line names no previous_hash (a mistyped entry). */
  previous: string | null;
}

export function lineHashes(bytes: Uint8Array): LineHashes | null {
  const fast = fastLineHash(bytes);
  if (fast) return { current: fast.currentHash, previous: fast.previousHash };
  const text = decodeLine(bytes);
  if (text === null) return null;
  try {
    const v = pyLoads(text.replace(/^\ufeff/, '')).value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    const o = v as { [k: string]: unknown };
    if (typeof o.current_hash !== 'string') return null;
    return {
      current: o.current_hash,
      previous: typeof o.previous_hash === 'string' ? o.previous_hash : null,
    };
  } catch {
    return null;
  }
}
