// The WebAssembly canonicalizer on lines given as text (tests, tools): what verification takes from
// it for each line, in the form fastCanonical gives, or null where the line goes to the JS paths.
import type { FastLine } from '../fast-canonical';
import {
  acquireCanon,
  recordTaken,
  releaseCanon,
  REC,
  R_CANON_AT,
  R_CANON_LEN,
  R_HASH_AT,
  R_HASH_LEN,
  R_PREV_AT,
  R_PREV_LEN,
  type WasmCanon,
} from './canon-module';

function taken(c: WasmCanon, r: number): FastLine | null {
  if (!recordTaken(c, r)) return null;
  const rec = c.records;
  const canonAt = c.outAt + rec[r + R_CANON_AT];
  const hashAt = c.inAt + rec[r + R_HASH_AT];
  const prevAt = c.inAt + rec[r + R_PREV_AT];
  return {
    canonical: c.latin1(canonAt, canonAt + rec[r + R_CANON_LEN]),
    currentHash: c.latin1(hashAt, hashAt + rec[r + R_HASH_LEN]),
    previousHash: c.latin1(prevAt, prevAt + rec[r + R_PREV_LEN]),
  };
}

/** Each line's canonical text and stored hashes, or null (declined); null overall without WebAssembly. */
export function wasmCanonical(lines: readonly string[]): (FastLine | null)[] | null {
  const c = acquireCanon();
  if (!c) return null;
  try {
    const out: (FastLine | null)[] = [];
    let i = 0;
    while (i < lines.length) {
      // As many whole lines as fit, each with its "\n".
      let len = 0;
      const first = i;
      for (; i < lines.length; i++) {
        if (lines[i].includes('\n')) throw new Error('a line cannot hold "\\n"');
        const n = Buffer.byteLength(lines[i], 'utf8') + 1;
        if (len + n > c.capacity) break;
        c.input.write(lines[i], len, 'utf8');
        c.input[len + n - 1] = 0x0a;
        len += n;
      }
      if (i === first) throw new Error('a line longer than the canonicalizer takes at once');
      for (let from = 0; from < len; from = c.consumed()) {
        const count = c.run(from, len);
        for (let k = 0; k < count; k++) out.push(taken(c, k * REC));
      }
    }
    return out;
  } finally {
    releaseCanon(c);
  }
}
