// Verifies a byte range of a ledger file through a ChainVerifier a chunk at a time: the file is read
// straight into the WebAssembly canonicalizer's memory, which canonicalizes every line of the chunk
// in one call; here each taken line's canonical bytes are hashed and handed to the verifier with
// its stored hashes (pushHashed). Lines the canonicalizer declines, a last line without "\n" and
// lines longer than a chunk go through verifier.push as scanLines would give them (over the entry
// bound, entry-bound.ts, skipped unread): the verdicts,
// break details and results are those of scanLines + push, line for line.
import type { FileHandle } from 'node:fs/promises';
import { openRegular } from '../regular-file';
import type { ChainVerifier } from '../chain-verifier';
import { sha256HexOf } from '../pcag';
import { scanLines, type ScannedLine } from '../line-scan';
import {
  acquireCanon,
  recordTaken,
  releaseCanon,
  REC,
  R_CANON_AT,
  R_CANON_LEN,
  R_HASH_AT,
  R_HASH_LEN,
  R_LINE_AT,
  R_LINKS,
  R_LINE_LEN,
  R_PREV_AT,
  R_PREV_LEN,
  type WasmCanon,
} from './canon-module';

export interface LinesRange {
  startOffset: number;
  endOffset: number;
  startIndex: number;
  /** Called after each chunk with the offset reached (as scanLines' onProgress). */
  onProgress?: (bytesRead: number) => void;
  /** Called for each line before it is verified, with its file offset and bytes (valid during the call). */
  onLine?: (index: number, offset: number, bytes: Uint8Array) => void;
}

/** One line from scanLines (the path without WebAssembly, and lines longer than a chunk). */
function pushScanned(v: ChainVerifier, l: ScannedLine, onLine: LinesRange['onLine']): void {
  onLine?.(l.index, l.offset, l.bytes);
  v.push(l.index, l.bytes, l.terminated, l.tooLong, l.length - (l.terminated ? 1 : 0));
}

/** Verifies the whole lines of c.input[0, len), base = their file offset; returns the next line's index. */
function verifyChunk(
  c: WasmCanon,
  v: ChainVerifier,
  len: number,
  index: number,
  base: number,
  onLine: LinesRange['onLine'],
): number {
  const { mem, bytes, records: rec, inAt, outAt, latin1 } = c;
  let i = index;
  for (let from = 0; from < len; from = c.consumed()) {
    const count = c.run(from, len);
    let pushedHashed = false; // the line before went through pushHashed
    for (let k = 0, r = 0; k < count; k++, r += REC) {
      if (onLine) {
        const at = inAt + rec[r + R_LINE_AT];
        onLine(i, base + rec[r + R_LINE_AT], mem.subarray(at, at + rec[r + R_LINE_LEN]));
      }
      if (recordTaken(c, r)) {
        const canonAt = outAt + rec[r + R_CANON_AT];
        const hashAt = inAt + rec[r + R_HASH_AT];
        const prevAt = inAt + rec[r + R_PREV_AT];
        v.pushHashed(
          i++,
          sha256HexOf(bytes.subarray(canonAt, canonAt + rec[r + R_CANON_LEN])),
          latin1(hashAt, hashAt + rec[r + R_HASH_LEN]),
          // Byte for byte the current_hash the verifier just took: it need not be read.
          pushedHashed && rec[r + R_LINKS] === 1 ? null : latin1(prevAt, prevAt + rec[r + R_PREV_LEN]),
        );
        pushedHashed = true;
      } else {
        const at = inAt + rec[r + R_LINE_AT];
        v.push(i++, mem.subarray(at, at + rec[r + R_LINE_LEN]), true, false);
        pushedHashed = false;
      }
    }
  }
  return i;
}

/** The offset just past the first "\n" at or after `from` (or `end`), read in small pieces. */
async function nextLineStart(fh: FileHandle, from: number, end: number): Promise<number> {
  const buf = Buffer.allocUnsafe(256 * 1024);
  for (let pos = from; pos < end;) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos), pos);
    if (bytesRead === 0) return pos;
    const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
    if (nl >= 0) return pos + nl + 1;
    pos += bytesRead;
  }
  return end;
}

async function verifyWith(
  c: WasmCanon,
  path: string,
  v: ChainVerifier,
  range: LinesRange,
): Promise<{ bytes: number; lines: number }> {
  const fh = await openRegular(path, 'read');
  try {
    const { input, capacity } = c;
    const end = range.endOffset;
    let filePos = range.startOffset;
    let index = range.startIndex;
    let carry = 0; // bytes of a line not yet ended, at the start of input
    while (filePos < end) {
      const { bytesRead } = await fh.read(input, carry, Math.min(capacity - carry, end - filePos), filePos);
      if (bytesRead === 0) break;
      filePos += bytesRead;
      const filled = carry + bytesRead;
      const last = input.lastIndexOf(0x0a, filled - 1);
      if (last < 0) {
        if (filled < capacity) {
          carry = filled;
          range.onProgress?.(filePos);
          continue;
        }
        // A line longer than a chunk: that line alone through scanLines (which skips it unread if
        // it is over the entry bound), then chunks again.
        const lineEnd = await nextLineStart(fh, filePos, end);
        const r = await scanLines(path, (l) => pushScanned(v, l, range.onLine), {
          startOffset: filePos - filled,
          endOffset: lineEnd,
          startIndex: index,
          onProgress: range.onProgress,
        });
        index += r.lines;
        filePos = lineEnd;
        carry = 0;
        continue;
      }
      index = verifyChunk(c, v, last + 1, index, filePos - filled, range.onLine);
      carry = filled - (last + 1);
      input.copyWithin(0, last + 1, filled);
      range.onProgress?.(filePos);
    }
    if (carry > 0) {
      range.onLine?.(index, filePos - carry, input.subarray(0, carry));
      v.push(index++, input.subarray(0, carry), false, false);
    }
    return { bytes: filePos, lines: index - range.startIndex };
  } finally {
    await fh.close();
  }
}

/**
 * Pushes the lines of path[startOffset, endOffset) (line boundaries) to the verifier, indexes from
 * startIndex, as scanLines + verifier.push would: returns scanLines' result (bytes: the offset
 * reached). The verifier must take the fast path (keepEntries false). Without WebAssembly: scanLines.
 */
export async function verifyLines(
  path: string,
  v: ChainVerifier,
  range: LinesRange,
): Promise<{ bytes: number; lines: number }> {
  const c = acquireCanon();
  if (!c) {
    return scanLines(path, (l) => pushScanned(v, l, range.onLine), range);
  }
  try {
    return await verifyWith(c, path, v, range);
  } finally {
    releaseCanon(c);
  }
}
