// The gateway's bearer token: given (--token / PENIN_TOKEN), or generated on first run and kept in
// DATA_DIR/gateway-token (mode 0600) so applications keep working across restarts.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readSmallFileSync } from '../../ledger/regular-file';

export const TOKEN_FILE = 'gateway-token';
const MIN_TOKEN_LENGTH = 16;

/** Throws a clear error unless `token` is usable as a bearer token. */
export function checkToken(token: string, source: string): string {
  if (token.length < MIN_TOKEN_LENGTH)
    throw new Error(`${source}: the token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new Error(`${source}: the token must be printable ASCII without spaces`);
  return token;
}

function readTokenFile(file: string): string {
  const text = readSmallFileSync(file, {
    check: (st) => {
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
        throw new Error(
          `${file} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
        );
      }
    },
  });
  return checkToken(text.toString('utf8').trim(), file);
}

/** Reads DATA_DIR/gateway-token, creating it (0600, random 32 bytes) if absent. */
export function loadOrCreateToken(dataDir: string): string {
  const file = path.join(dataDir, TOKEN_FILE);
  if (fs.existsSync(file)) return readTokenFile(file);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = `penin-${randomBytes(32).toString('base64url')}`;
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readTokenFile(file); // another process won the race
    throw e;
  }
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, `${token}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return token;
}

/** The token to use: the explicit one if given, else the stored one. */
export function resolveToken(dataDir: string, explicit?: string | null): string {
  if (explicit !== undefined && explicit !== null) return checkToken(explicit, 'token');
  return loadOrCreateToken(dataDir);
}
