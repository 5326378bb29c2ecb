// File-level helpers of the ledger browser's session: where the last whole line ends, and how an
// entry is shown as JSON.
import { open as openFile } from 'node:fs/promises';
import { isPyFloat } from './pyfloat';

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
