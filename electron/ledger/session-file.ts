// File-level helpers of the ledger browser's session: where the last whole line ends, a line's
// decision and time without parsing it, and how an entry is shown as JSON.
import { openRegular } from './regular-file';
import { decodeLine } from './chain-verifier';
import { isPyFloat } from './pyfloat';
import { ledgerTimeMs } from './ledger-time';
import { pyLoads } from './pyjson-parse';
import type { PyJson } from './types';

/** The end of the last whole line (just past its "\n"), reading the file's tail. */
export async function lastLineEnd(path: string, size: number): Promise<number> {
  const fh = await openRegular(path, 'read');
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

const LINE_HEAD = Buffer.from('{"decision_id": "');
const TIMESTAMP_AFTER_ID = Buffer.from('", "timestamp": "');

/**
 * The top-level timestamp of a line as epoch ms, or null when it has none that reads as a time.
 * In Python's own form the timestamp follows decision_id, read without parsing; any other form
 * (keys sorted, say, where a nested "timestamp" could come first) is parsed.
 */
export function timestampOf(line: Uint8Array): number | null {
  const buf = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  if (buf.subarray(0, LINE_HEAD.length).equals(LINE_HEAD)) {
    const idEnd = buf.indexOf(0x22, LINE_HEAD.length);
    if (idEnd > 0 && buf[idEnd - 1] !== 0x5c && buf.indexOf(TIMESTAMP_AFTER_ID, idEnd) === idEnd) {
      const start = idEnd + TIMESTAMP_AFTER_ID.length;
      const end = buf.indexOf(0x22, start);
      if (end > start && end - start <= 40) return ledgerTimeMs(buf.toString('latin1', start, end));
    }
  }
  const ts = parseEntryLine(decodeLine(buf))?.timestamp; // invalid UTF-8 reads as no entry, as in the table
  return typeof ts === 'string' ? ledgerTimeMs(ts) : null;
}

/** A line's JSON object, as the table and the detail pane read it (a BOM skipped); null when it is none. */
export function parseEntryLine(text: string | null): { [k: string]: PyJson } | null {
  if (text === null) return null;
  try {
    const v = pyLoads(text.replace(/^\ufeff/, '')).value;
    return v && typeof v === 'object' && !Array.isArray(v) && !isPyFloat(v)
      ? (v as { [k: string]: PyJson })
      : null;
  } catch {
    return null;
  }
}
