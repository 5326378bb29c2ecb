// File-level helpers of the ledger browser's session: where the last whole line ends, a line's
// decision without parsing it, and how an entry is shown as JSON.
import { open as openFile } from 'node:fs/promises';
import { isPyFloat } from './pyfloat';
import { pyLoads } from './pyjson-parse';

/** Big ints and integral floats as JSON for the detail pane (bigint as its digits, PyFloat as a number). */
export function jsonSafe(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (isPyFloat(v)) return v.pyFloat;
  return v;
}

/** The end of the last whole line (just past its "\n"), reading the file's tail. */
export async function lastLineEnd(path: string, size: number): Promise<number> {
  const fh = await openFile(path, 'r');
  try {
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - 65536);
      const buf = Buffer.alloc(end - start);
      await fh.read(buf, 0, buf.length, start);
      const nl = buf.lastIndexOf(0x0a);
      if (nl >= 0) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    await fh.close();
  }
}

const DECISION_KEY = Buffer.from('"decision": "');

/**
 * The top-level decision of a line in Python's own form (the verifier's fast path took it): the
 * first `"decision": "` is the top-level key, since only scalars precede it and an escaped quote
 * inside an earlier string reads `\\"`. A value with escapes is parsed properly.
 */
export function decisionOf(line: Uint8Array): string | null {
  const buf = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  const at = buf.indexOf(DECISION_KEY);
  if (at < 0) return null;
  const start = at + DECISION_KEY.length;
  const end = buf.indexOf(0x22, start);
  if (end < 0) return null;
  const raw = buf.subarray(start, end);
  if (!raw.includes(0x5c)) return raw.toString('latin1');
  try {
    const v = pyLoads(buf.toString('utf8')).value as { decision?: unknown };
    return typeof v.decision === 'string' ? v.decision : null;
  } catch {
    return null;
  }
}
