// Crash recovery on open: a last line cut short by a crash (a torn tail) is moved to a quarantine
// file beside the ledger, never silently deleted; the ledger is cut back to its last whole line.
import { createHash } from 'node:crypto';
import { open, writeFile } from 'node:fs/promises';
import { openRegular } from './regular-file';
import { basename } from 'node:path';
import { ChainVerifier } from './chain-verifier';

export interface TailState {
  /** Lines (entries) in the file after recovery. */
  entries: number;
  /** current_hash of the last entry, or null for an empty ledger. */
  head: string | null;
  /** File size after recovery. */
  size: number;
  quarantined: { file: string; bytes: number; sha256: string } | null;
}

const TAIL_WINDOW = 1024 * 1024;

/** Finds the last "\n" and the last whole line before it, reading backwards in windows. */
async function lastLines(
  path: string,
  size: number,
): Promise<{ tailStart: number; lastLine: Buffer | null }> {
  const fh = await openRegular(path, 'read');
  try {
    let end = size;
    let tailStart = -1;
    let found: Buffer | null = null;
    const pieces: Buffer[] = [];
    while (end > 0 && found === null) {
      const start = Math.max(0, end - TAIL_WINDOW);
      const buf = Buffer.alloc(end - start);
      await fh.read(buf, 0, buf.length, start);
      pieces.unshift(buf);
      const all = Buffer.concat(pieces); // the file's bytes from `start` to its end
      const base = start;
      if (tailStart < 0) {
        const nl = all.lastIndexOf(0x0a);
        if (nl >= 0) tailStart = base + nl + 1;
      }
      if (tailStart >= 0) {
        const lineEnd = tailStart - 1 - base; // index of the "\n" ending the last whole line
        const prevNl = lineEnd > 0 ? all.lastIndexOf(0x0a, lineEnd - 1) : -1;
        if (prevNl >= 0 || start === 0) found = all.subarray(prevNl + 1, lineEnd);
      }
      end = start;
    }
    return { tailStart: tailStart < 0 ? 0 : tailStart, lastLine: found };
  } finally {
    await fh.close();
  }
}

async function countLines(path: string, upTo: number): Promise<number> {
  const fh = await openRegular(path, 'read');
  try {
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    let n = 0;
    for (let pos = 0; pos < upTo;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, upTo - pos), pos);
      if (bytesRead === 0) break;
      for (let i = buf.indexOf(0x0a, 0); i >= 0 && i < bytesRead; i = buf.indexOf(0x0a, i + 1)) n++;
      pos += bytesRead;
    }
    return n;
  } finally {
    await fh.close();
  }
}

/** The stored current_hash of a line, if it is a readable entry. */
function hashOf(line: Buffer | null): string | null {
  if (!line || line.length === 0) return null;
  const bytes = line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
  const stored = new ChainVerifier(() => {}).push(0, bytes, true).entry?.current_hash;
  return typeof stored === 'string' ? stored : null;
}

/**
 * Moves the file's bytes from `from` to `size` into a quarantine file beside it (never deleted:
 * an auditor can see what was cut) and cuts the file back to `from`; both are made durable.
 */
export async function quarantineFrom(
  path: string,
  from: number,
  size: number,
  now: Date,
): Promise<NonNullable<TailState['quarantined']>> {
  const fh = await openRegular(path, 'readwrite');
  try {
    const tail = Buffer.alloc(size - from);
    await fh.read(tail, 0, tail.length, from);
    const sha256 = createHash('sha256').update(tail).digest('hex');
    const file = `${path}.quarantine-${now.toISOString().replace(/[:.]/g, '-')}-${sha256.slice(0, 8)}`;
    await writeFile(file, tail, { flag: 'wx', mode: 0o600 });
    const q = await open(file, 'r');
    await q.sync();
    await q.close();
    await fh.truncate(from);
    await fh.sync();
    return { file: basename(file), bytes: tail.length, sha256 };
  } finally {
    await fh.close();
  }
}

/** Inspects the file's end; quarantines a torn tail and truncates the file back to its last whole line. */
export async function recoverTail(path: string, size: number, now: Date): Promise<TailState> {
  if (size === 0) return { entries: 0, head: null, size: 0, quarantined: null };
  const { tailStart, lastLine } = await lastLines(path, size);
  const quarantined = tailStart < size ? await quarantineFrom(path, tailStart, size, now) : null;
  const head = hashOf(lastLine);
  if (lastLine !== null && head === null)
    throw new Error(
      `the last whole entry of ${path} is unreadable, so new entries cannot be chained to it; run \`penin verify ${path}\``,
    );
  return { entries: await countLines(path, tailStart), head, size: tailStart, quarantined };
}
