// The tree's leaves as a ledger file defines them: each whole line's stored bytes, without its
// "\n" (a last line with no "\n" is a torn tail, not an entry), hashed as RFC 6962 leaves. Streamed
// in fixed chunks with one running hash per line: memory stays bounded whatever a line's length.
import { createHash, type Hash } from 'node:crypto';
import { openRegular } from '../regular-file';

export interface LeafScanOptions {
  /** Read no further than this byte offset (exclusive). */
  endOffset?: number;
  /** Stop after this many leaves. */
  maxLeaves?: number;
  chunkBytes?: number;
  /** Keep the stored bytes of the line at this index (up to captureMaxBytes). */
  capture?: number;
  captureMaxBytes?: number;
}

export interface LeafScan {
  leaves: number;
  /** Bytes read: the end of the last whole line seen. */
  bytes: number;
  /** The captured line, when `capture` named a whole line within the bound; null otherwise. */
  captured: Buffer | null;
  /** The captured line was over captureMaxBytes (its leaf hash was still computed). */
  capturedTooLong: boolean;
}

const LEAF_PREFIX = Buffer.from([0x00]);

/** Calls onLeaf(leafHash, index) for each whole line of the file, in order. */
export async function scanLeaves(
  path: string,
  onLeaf: (leaf: Buffer, index: number) => void,
  opts: LeafScanOptions = {},
): Promise<LeafScan> {
  const chunkBytes = opts.chunkBytes ?? 1024 * 1024;
  const maxLeaves = opts.maxLeaves ?? Number.POSITIVE_INFINITY;
  const captureMax = opts.captureMaxBytes ?? 4 * 1024 * 1024;
  const fh = await openRegular(path, 'read');
  let index = 0;
  let lineEnd = 0;
  let captured: Buffer[] | null = null;
  let capturedLen = 0;
  let capturedTooLong = false;
  let done: Buffer | null = null;
  try {
    const end = opts.endOffset ?? (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(chunkBytes);
    let h: Hash = createHash('sha256').update(LEAF_PREFIX);
    const keep = (piece: Buffer): void => {
      if (index !== opts.capture || capturedTooLong) return;
      captured ??= [];
      capturedLen += piece.length;
      if (capturedLen > captureMax) {
        capturedTooLong = true;
        captured = null;
      } else captured.push(Buffer.from(piece));
    };
    for (let pos = 0; pos < end && index < maxLeaves;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(chunkBytes, end - pos), pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let from = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0 && index < maxLeaves; nl = chunk.indexOf(0x0a, from)) {
        const piece = chunk.subarray(from, nl);
        h.update(piece);
        keep(piece);
        if (index === opts.capture && captured) done = Buffer.concat(captured);
        onLeaf(h.digest(), index++);
        lineEnd = pos + nl + 1;
        h = createHash('sha256').update(LEAF_PREFIX);
        from = nl + 1;
      }
      if (index >= maxLeaves) break;
      const rest = chunk.subarray(from);
      h.update(rest);
      keep(rest);
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { leaves: index, bytes: lineEnd, captured: done, capturedTooLong };
}
