// Reads a file line by line in constant memory: fixed-size chunks, one callback per line with
// its byte offset. A line longer than maxLineBytes is reported as such and skipped, never buffered.
import { openRegular } from './regular-file';
import { MAX_ENTRY_BYTES } from './entry-bound';

export interface ScannedLine {
  index: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** The line's bytes without "\n" and without a trailing "\r"; empty when tooLong. Valid only during the callback. */
  bytes: Buffer;
  /** Byte length on disk, "\n" included (a tooLong line's length is known though its bytes are not). */
  length: number;
  /** False only for a last line that has no "\n" after it. */
  terminated: boolean;
  tooLong: boolean;
}

export interface ScanOptions {
  chunkBytes?: number;
  maxLineBytes?: number;
  /** Start reading here (a line start); indexes then count from startIndex. */
  startOffset?: number;
  startIndex?: number;
  /** Stop after this byte offset (exclusive; ends on a line boundary the caller knows). */
  endOffset?: number;
  onProgress?: (bytesRead: number) => void;
  /** Awaited after each chunk: lets a slow consumer hold the reader back (backpressure). */
  afterChunk?: () => Promise<void>;
  /** Checked after each chunk: true stops the scan there (a search that found what it wanted). */
  stop?: () => boolean;
}

export const DEFAULT_MAX_LINE_BYTES = MAX_ENTRY_BYTES;

export async function scanLines(
  path: string,
  onLine: (line: ScannedLine) => void,
  opts: ScanOptions = {},
): Promise<{ bytes: number; lines: number }> {
  const chunkBytes = opts.chunkBytes ?? 4 * 1024 * 1024;
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fh = await openRegular(path, 'read');
  try {
    const end = opts.endOffset ?? (await fh.stat()).size;
    let filePos = opts.startOffset ?? 0;
    let index = opts.startIndex ?? 0;
    let carry: Buffer[] = []; // pieces of the current line not yet ended
    let carryLen = 0;
    let lineStart = filePos;
    let skipping = false; // inside an over-long line
    const chunk = Buffer.allocUnsafe(chunkBytes);

    const emit = (bytes: Buffer, length: number, terminated: boolean, tooLong: boolean): void => {
      let b = bytes;
      if (!tooLong && b.length > 0 && b[b.length - 1] === 0x0d && terminated) b = b.subarray(0, b.length - 1);
      onLine({ index: index++, offset: lineStart, bytes: b, length, terminated, tooLong });
      lineStart += length;
    };

    while (filePos < end) {
      const { bytesRead } = await fh.read(chunk, 0, Math.min(chunkBytes, end - filePos), filePos);
      if (bytesRead === 0) break;
      filePos += bytesRead;
      const buf = chunk.subarray(0, bytesRead);
      let pos = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, pos);
        if (nl < 0) {
          const rest = bytesRead - pos;
          if (!skipping && carryLen + rest > maxLine) {
            skipping = true;
            carry = [];
          }
          if (!skipping) carry.push(Buffer.from(buf.subarray(pos))); // copy: chunk is reused
          carryLen += rest;
          break;
        }
        const len = carryLen + (nl - pos) + 1;
        if (skipping || len - 1 > maxLine) {
          emit(Buffer.alloc(0), len, true, true);
        } else if (carryLen === 0) {
          emit(buf.subarray(pos, nl), len, true, false);
        } else {
          carry.push(buf.subarray(pos, nl));
          emit(Buffer.concat(carry), len, true, false);
        }
        carry = [];
        carryLen = 0;
        skipping = false;
        pos = nl + 1;
      }
      opts.onProgress?.(filePos);
      if (opts.stop?.()) return { bytes: filePos, lines: index - (opts.startIndex ?? 0) };
      if (opts.afterChunk) await opts.afterChunk();
    }
    if (carryLen > 0) emit(skipping ? Buffer.alloc(0) : Buffer.concat(carry), carryLen, false, skipping);
    return { bytes: filePos, lines: index - (opts.startIndex ?? 0) };
  } finally {
    await fh.close();
  }
}
