// A ledger file's lines as batches, read a chunk at a time: for walking two files side by side
// (penin diff) in constant memory. A line longer than the entry bound is never held: it is given
// as the SHA-256 of its bytes, which is enough to compare it with the other file's line.
import { createHash, type Hash } from 'node:crypto';
import { openRegular } from '../regular-file';
import { MAX_ENTRY_BYTES } from '../entry-bound';

export interface RawLine {
  /** The line's bytes without "\n"; for a too-long line, the SHA-256 of all its bytes. */
  bytes: Buffer;
  terminated: boolean;
  tooLong: boolean;
}

export async function* lineBatches(
  path: string,
  chunkBytes = 1024 * 1024,
  maxLine = MAX_ENTRY_BYTES,
): AsyncGenerator<RawLine[]> {
  const fh = await openRegular(path, 'read');
  try {
    let carry: Buffer[] = [];
    let carryLen = 0;
    let long: Hash | null = null; // hashing an over-long line instead of holding it
    for (;;) {
      // A fresh buffer each read: the lines handed out are views into it.
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await fh.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      const buf = chunk.subarray(0, bytesRead);
      const batch: RawLine[] = [];
      let pos = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, pos);
        const piece = buf.subarray(pos, nl < 0 ? bytesRead : nl);
        if (long) long.update(piece);
        else if (carryLen + piece.length > maxLine) {
          long = createHash('sha256');
          for (const c of carry) long.update(c);
          long.update(piece);
          carry = [];
        } else if (nl < 0 || carryLen > 0) {
          carry.push(nl < 0 ? Buffer.from(piece) : piece);
        }
        carryLen += piece.length;
        if (nl < 0) break;
        if (long) batch.push({ bytes: long.digest(), terminated: true, tooLong: true });
        else
          batch.push({
            bytes: carry.length ? Buffer.concat(carry) : piece,
            terminated: true,
            tooLong: false,
          });
        carry = [];
        carryLen = 0;
        long = null;
        pos = nl + 1;
      }
      if (batch.length) yield batch;
    }
    if (carryLen > 0)
      yield [
        long
          ? { bytes: long.digest(), terminated: false, tooLong: true }
          : { bytes: Buffer.concat(carry), terminated: false, tooLong: false },
      ];
  } finally {
    await fh.close();
  }
}

/** Reads lines one at a time from lineBatches. */
export class LineCursor {
  private batch: RawLine[] = [];
  private at = 0;
  private done = false;
  private readonly it: AsyncIterator<RawLine[]>;

  constructor(path: string, chunkBytes?: number) {
    this.it = lineBatches(path, chunkBytes)[Symbol.asyncIterator]();
  }

  async next(): Promise<RawLine | null> {
    while (this.at >= this.batch.length) {
      if (this.done) return null;
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        return null;
      }
      this.batch = r.value;
      this.at = 0;
    }
    return this.batch[this.at++];
  }

  async close(): Promise<void> {
    await this.it.return?.(undefined);
  }
}
