// Every file PENIN reads or appends to (ledger, checkpoint sidecar, keys, lock, config, token and
// secret files) is opened through here: refused unless it is a regular file, before a byte is read.
// A FIFO would block open() or read() forever (a libuv thread, or the whole event loop for a sync
// read), /dev/zero never ends, a directory is not a file. So the file is opened non-blocking
// (O_NONBLOCK: open returns at once even on a FIFO with no writer; it changes nothing on a regular
// file) and then fstat'ed: the check is on the open file itself, with no window between a stat and
// the open. Small files (keys, lock, config, token) are read whole, up to a cap.
// Plain Node: the ledger and the core both use it (the core already imports the ledger, not the reverse).
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** The most a small file (key, lock, config, token, pins) may hold: 1 MiB. */
export const SMALL_FILE_MAX_BYTES = 1024 * 1024;

export type FileKind =
  | 'directory'
  | 'FIFO (named pipe)'
  | 'socket'
  | 'character device'
  | 'block device'
  | 'symbolic link'
  | 'special file';

/** The path names something other than a regular file; nothing was read from it. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: FileKind,
  ) {
    super(`${path} is not a regular file but a ${kind}; refusing to read it`);
  }
}

/** A small file is larger than its cap; nothing was kept from it. */
export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`${path} is larger than ${limit} bytes, more than such a file ever holds; refusing to read it`);
  }
}

export function kindOf(s: Stats): FileKind {
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'FIFO (named pipe)';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  if (s.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

// O_NONBLOCK and O_NOCTTY do not exist on Windows (no FIFOs there in the file system's sense).
const NONBLOCK = (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export type OpenMode = 'read' | 'append' | 'readwrite';

function flagsOf(how: OpenMode): number {
  if (how === 'read') return constants.O_RDONLY | NONBLOCK;
  if (how === 'readwrite') return constants.O_RDWR | NONBLOCK;
  return constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NONBLOCK;
}

/**
 * Why an open failed, as a NotRegularFileError when the path is a special file: opening a FIFO
 * for writing with no reader fails ENXIO, a directory for writing EISDIR. Otherwise the error itself.
 */
function openFailure(path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENXIO' || code === 'EISDIR' || code === 'ENODEV' || code === 'EOPNOTSUPP') {
    try {
      const s = statSync(path);
      if (!s.isFile()) return new NotRegularFileError(path, kindOf(s));
    } catch {
      // the original error says more
    }
  }
  return e;
}

/** Opens `path` (append: creating it, mode `mode`) and refuses anything but a regular file. ENOENT etc. pass through. */
export async function openRegular(path: string, how: OpenMode = 'read', mode = 0o600): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, flagsOf(how), mode);
  } catch (e) {
    throw openFailure(path, e);
  }
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw new NotRegularFileError(path, kindOf(s));
    return fh;
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

/** openRegular, synchronously: a file descriptor the caller closes. */
export function openRegularSync(
  path: string,
  how: OpenMode = 'read',
  mode = 0o600,
): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, flagsOf(how), mode);
  } catch (e) {
    throw openFailure(path, e);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegularFileError(path, kindOf(stats));
    return { fd, stats };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * A small regular file's bytes (at most `maxBytes`), read without blocking on a special file.
 * `check` sees the open file's stats first (a mode check, say) and may throw.
 */
export function readSmallFileSync(
  path: string,
  opts: { maxBytes?: number; check?: (s: Stats) => void } = {},
): Buffer {
  const limit = opts.maxBytes ?? SMALL_FILE_MAX_BYTES;
  const { fd, stats } = openRegularSync(path, 'read');
  try {
    opts.check?.(stats);
    if (stats.size > limit) throw new FileTooLargeError(path, limit);
    // Read to EOF, not to the size fstat gave: the file may have grown since (then: capped).
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, stats.size + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) throw new FileTooLargeError(path, limit);
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    if (n > limit) throw new FileTooLargeError(path, limit);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** readSmallFileSync as UTF-8 text. */
export function readSmallTextSync(path: string, opts: { maxBytes?: number } = {}): string {
  return readSmallFileSync(path, opts).toString('utf8');
}
