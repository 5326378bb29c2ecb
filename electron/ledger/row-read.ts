// Reads ledger-browser rows from the file (in the audit worker, audit-scan.ts): lines by byte range,
// contiguous ones in reads of at most READ_BYTES, a line over the entry bound never read.
import { openRegular } from './regular-file';
import { decodeLine } from './chain-verifier';
import { MAX_ENTRY_BYTES } from './entry-bound';
import { parseEntryLine } from './session-file';
import { rowFromEntry } from './session-row';
import type { LedgerRow } from '../../shared/ledger-view';

/** One line to read: its index and bytes [start, end) ("\n" included). */
export interface LineSpan {
  index: number;
  start: number;
  end: number;
}

const READ_BYTES = 2 * MAX_ENTRY_BYTES;
const tooLong = (l: LineSpan): boolean => l.end - l.start > MAX_ENTRY_BYTES + 2; // "\r\n" not counted

/** The rows of `lines` (breaks left empty: the session adds its own), in order. */
export async function readRows(path: string, lines: readonly LineSpan[]): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  if (lines.length === 0) return rows;
  const fh = await openRegular(path, 'read');
  try {
    for (let k = 0; k < lines.length;) {
      if (tooLong(lines[k])) {
        rows.push(rowFromEntry(lines[k].index, null, []));
        k++;
        continue;
      }
      const start = lines[k].start;
      let j = k;
      while (
        j + 1 < lines.length &&
        lines[j + 1].start === lines[j].end &&
        !tooLong(lines[j + 1]) &&
        lines[j + 1].end - start <= READ_BYTES
      )
        j++;
      const buf = Buffer.alloc(lines[j].end - start);
      await fh.read(buf, 0, buf.length, start);
      for (; k <= j; k++) {
        let b = buf.subarray(lines[k].start - start, lines[k].end - start);
        if (b[b.length - 1] === 0x0a) b = b.subarray(0, b.length - 1);
        if (b[b.length - 1] === 0x0d) b = b.subarray(0, b.length - 1);
        rows.push(rowFromEntry(lines[k].index, parseEntryLine(decodeLine(b)), []));
      }
    }
  } finally {
    await fh.close();
  }
  return rows;
}
