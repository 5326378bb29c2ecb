// Crash recovery on open: a last line cut short by a crash (a torn tail) is moved to a quarantine
// file beside the ledger, never silently deleted; the ledger is cut back to its last whole line.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { openRegular } from './regular-file';
import { basename } from 'node:path';
import { ChainVerifier } from './chain-verifier';
import { MAX_ENTRY_BYTES } from './entry-bound';
import { Frontier } from './merkle/frontier';
import { scanLeaves } from './merkle/file-leaves';

export interface TailState {
  /** Lines (entries) in the file after recovery. */
  entries: number;
  /** current_hash of the last entry, or null for an empty ledger. */
  head: string | null;
  /** File size after recovery. */
  size: number;
  quarantined: { file: string; bytes: number; sha256: string } | null;
  /** The Merkle tree's frontier over the entries (null when recoverTail was asked not to build it). */
  frontier: Frontier | null;
}

const TAIL_WINDOW = 1024 * 1024;

/** Where the last "\n" of the file's first `end` bytes is (-1: none), reading backwards in windows. */
async function lastNewline(fh: FileHandle, end: number, limit = end): Promise<number> {
  const buf = Buffer.allocUnsafe(TAIL_WINDOW);
  for (let to = end; to > Math.max(0, end - limit);) {
    const from = Math.max(0, end - limit, to - TAIL_WINDOW);
    await fh.read(buf, 0, to - from, from);
    const nl = buf.subarray(0, to - from).lastIndexOf(0x0a);
    if (nl >= 0) return from + nl;
    to = from;
  }
  return -1;
}

/**
 * Where the torn tail starts (just after the last "\n") and the last whole line before it. The
 * tail is found without holding it; the last line is read only within the entry bound
 * (entry-bound.ts): `lastLine` is null for a file without one, `lastTooLong` when it is over.
 */
async function lastLines(
  path: string,
  size: number,
): Promise<{ tailStart: number; lastLine: Buffer | null; lastTooLong: boolean }> {
  const fh = await openRegular(path, 'read');
  try {
    const nl = await lastNewline(fh, size);
    if (nl < 0) return { tailStart: 0, lastLine: null, lastTooLong: false };
    const limit = MAX_ENTRY_BYTES + 2; // "\r\n" not counted
    const prev = await lastNewline(fh, nl, limit);
    if (prev < 0 && nl > limit) return { tailStart: nl + 1, lastLine: null, lastTooLong: true };
    const line = Buffer.alloc(nl - (prev + 1));
    await fh.read(line, 0, line.length, prev + 1);
    return { tailStart: nl + 1, lastLine: line, lastTooLong: false };
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

/** The entries before `upTo` counted, and their tree's frontier built, in one pass. */
async function countAndTree(path: string, upTo: number): Promise<{ entries: number; frontier: Frontier }> {
  const frontier = new Frontier();
  const r = await scanLeaves(path, (leaf) => frontier.push(leaf), {
    endOffset: upTo,
    chunkBytes: 4 * 1024 * 1024,
  });
  return { entries: r.leaves, frontier };
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
    // Streamed, never held whole: a torn tail may be as long as a hostile file makes it.
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(TAIL_WINDOW);
    for (let pos = from; pos < size;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    const sha256 = hash.digest('hex');
    const file = `${path}.quarantine-${now.toISOString().replace(/[:.]/g, '-')}-${sha256.slice(0, 8)}`;
    const q = await open(file, 'wx', 0o600);
    try {
      for (let pos = from; pos < size;) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
        if (bytesRead === 0) break;
        await q.write(buf, 0, bytesRead);
        pos += bytesRead;
      }
      await q.sync();
    } finally {
      await q.close();
    }
    await fh.truncate(from);
    await fh.sync();
    return { file: basename(file), bytes: size - from, sha256 };
  } finally {
    await fh.close();
  }
}

/** Inspects the file's end; quarantines a torn tail and truncates the file back to its last whole line. */
export async function recoverTail(
  path: string,
  size: number,
  now: Date,
  opts: { tree?: boolean } = {},
): Promise<TailState> {
  const tree = opts.tree ?? true;
  if (size === 0)
    return { entries: 0, head: null, size: 0, quarantined: null, frontier: tree ? new Frontier() : null };
  const { tailStart, lastLine, lastTooLong } = await lastLines(path, size);
  if (lastTooLong)
    throw new Error(
      `the last whole entry of ${path} is longer than 4 MiB (the bound on one entry), so new entries cannot be chained to it; run \`penin verify ${path}\``,
    );
  const quarantined = tailStart < size ? await quarantineFrom(path, tailStart, size, now) : null;
  const head = hashOf(lastLine);
  if (lastLine !== null && head === null)
    throw new Error(
      `the last whole entry of ${path} is unreadable, so new entries cannot be chained to it; run \`penin verify ${path}\``,
    );
  if (!tree)
    return { entries: await countLines(path, tailStart), head, size: tailStart, quarantined, frontier: null };
  const { entries, frontier } = await countAndTree(path, tailStart);
  return { entries, head, size: tailStart, quarantined, frontier };
}
