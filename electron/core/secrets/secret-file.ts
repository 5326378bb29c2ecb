// Secrets at rest: reading and writing a private file (mode 0600), created once, atomically, then
// read back. The cache's HMAC key goes through here both ways: the core's plain file
// (loadOrCreateSecret) and, under Electron, its keychain-sealed form (app/secret-store.ts, a thin
// wrapper that adds the cipher). The gateway token (token.ts) and the ledger signing key
// (ledger/signing-key.ts) are written by their own modules.
//
// Writing never follows a link planted by someone else: the bytes go to a temp file with an
// unpredictable name, created exclusively (O_CREAT|O_EXCL: an existing file or symlink at that name
// is refused, not opened), fchmod'ed to 0600 whatever the umask, fsynced, and then hard-linked into
// place, which never replaces an existing file either.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileTooLargeError, openRegularSync, SMALL_FILE_MAX_BYTES } from '../../ledger/regular-file';

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
 * Reads an existing secret file: a regular file (a directory, FIFO or device is refused), not
 * accessible by group or others, holding at least `minBytes` bytes. Throws a clear error otherwise.
 */
export function readSecretFile(file: string, minBytes = 1): Buffer {
  return readExisting(path.resolve(file), minBytes);
}

/**
 * Writes `data` to a new private file at `file` (parent directories 0700, the file 0600): false,
 * writing nothing, when `file` already exists (another process created it first). See the header
 * for why no planted temp file or symlink can redirect the write.
 */
export function createSecretFile(file: string, data: Buffer): boolean {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    writeNewPrivateFile(tmp, data);
    const created = publish(tmp, target);
    fsyncDir(dir);
    return created;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Creates `file` exclusively (EEXIST if anything, even a dangling symlink, is there already: it is
 * never opened, so never written through), mode 0600 whatever the umask, with `data`, fsynced.
 */
export function writeNewPrivateFile(file: string, data: Buffer): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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

  const secret = randomBytes(bytes);
  return createSecretFile(target, secret) ? secret : readExisting(target, bytes);
}
