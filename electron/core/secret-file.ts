// A random secret kept in a private file (mode 0600): created once, atomically, then read back.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileTooLargeError, openRegularSync, SMALL_FILE_MAX_BYTES } from '../ledger/regular-file';

const MIN_BYTES = 16;
const MAX_BYTES = 65536;

/** Mode bits are meaningless on Windows; elsewhere a secret must not be readable by group or others. */
const checksMode = process.platform !== 'win32';

function readExisting(file: string, bytes: number): Buffer {
  const { fd } = openRegularSync(file, 'read'); // a FIFO or device is refused, never waited on
  try {
    const st = fs.fstatSync(fd);
    if (st.size > SMALL_FILE_MAX_BYTES) throw new FileTooLargeError(file, SMALL_FILE_MAX_BYTES);
    if (!st.isFile()) throw new Error(`secret file ${file} is not a regular file`);
    if (checksMode && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `secret file ${file} is accessible by group/others (mode ${mode}); refusing to use it. Run: chmod 600 ${file}`,
      );
    }
    const data = fs.readFileSync(fd);
    if (data.length < bytes) {
      throw new Error(
        `secret file ${file} holds ${data.length} bytes, fewer than the ${bytes} required; refusing to use it`,
      );
    }
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform lets a directory be opened or fsynced; the file itself is already synced.
  }
}

/** Publish `tmp` as `file` unless `file` already exists; false if someone else created it first. */
function publish(tmp: string, file: string): boolean {
  try {
    fs.linkSync(tmp, file); // atomic and never clobbers a concurrent creator's secret
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  // The file system has no hard links: fall back to rename (atomic, but last writer wins a race).
  if (fs.existsSync(file)) return false;
  fs.renameSync(tmp, file);
  return true;
}

/**
 * Read the secret at `path`, or create it: parent directories, `bytes` random bytes, mode 0600, written
 * to a temp file and then moved into place so no reader ever sees a partial secret. Refuses (throws) an
 * existing file that group/others can access, or that is shorter than `bytes`.
 */
export function loadOrCreateSecret(file: string, bytes = 32): Buffer {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new TypeError(`secret path must be a non-empty string, got ${JSON.stringify(file)}`);
  }
  if (!Number.isSafeInteger(bytes) || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw new RangeError(
      `secret size must be an integer from ${MIN_BYTES} to ${MAX_BYTES} bytes, got ${String(bytes)}`,
    );
  }
  const target = path.resolve(file);
  if (fs.existsSync(target)) return readExisting(target, bytes);

  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const secret = randomBytes(bytes);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // whatever the umask
      fs.writeFileSync(fd, secret);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const created = publish(tmp, target);
    fsyncDir(dir);
    return created ? secret : readExisting(target, bytes);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
