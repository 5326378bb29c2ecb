// One writer per ledger FILE, however its path is spelled. Two lock files (lock-file.ts), both
// taken before anything is written:
// - REAL.lock beside the ledger's real path (symlinks resolved, `./x` and `x` alike): what users
//   see, and what keeps apart writers that do not share a temp directory (other users, say);
// - DEV-INO.lock in a private per-user directory under the system's temp directory, named from the
//   file's identity (device and inode): what keeps apart two hard links to one file, whose real
//   paths differ. (Node has no flock; a lock keyed on the inode is the pure-Node way to the same end.)
// A lock whose owner died on this host is taken over. Anything else that holds a lock (a live
// process, a process on another host, an empty or garbage file) is reported with what to do.
import { fstatSync, lstatSync, mkdirSync, realpathSync, closeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  isAlive,
  readLockState,
  releaseLock,
  removeAbandonedLock,
  tryCreateLock,
  type LockOwner,
} from './lock-file';
import { openRegularSync } from './regular-file';

/**
 * An empty lock file is normally a writer between its O_EXCL create and its write (a few ms); one
 * older than this was left by a writer that died in between, and is taken over. A younger one is
 * re-read a few times (EMPTY_LOCK_WAIT_MS) before the writer gives up with a clear error.
 */
export const EMPTY_LOCK_ABANDONED_MS = 5_000;
const EMPTY_LOCK_WAIT_MS = 500;

export type LockedReason = 'held' | 'this-process' | 'other-host' | 'empty' | 'not-a-lock';

export class LedgerLockedError extends Error {
  constructor(
    readonly path: string,
    readonly lockPath: string,
    readonly reason: LockedReason,
    readonly owner: LockOwner | null,
    why = '',
  ) {
    super(lockedMessage(path, lockPath, reason, owner, why));
  }

  get ownerPid(): number | null {
    return this.owner?.pid ?? null;
  }
}

function lockedMessage(
  path: string,
  lockPath: string,
  reason: LockedReason,
  owner: LockOwner | null,
  why: string,
): string {
  const as = owner?.ledger && owner.ledger !== resolve(path) ? ` as ${owner.ledger}` : '';
  const tail =
    '; only one writer may append to a ledger. Close the other PENIN instance, or open this file read-only for audit.';
  switch (reason) {
    case 'held':
      return `ledger ${path} is already open for writing by another process (pid ${owner?.pid}), on this host since ${owner?.since}${as}${tail}`;
    case 'this-process':
      return `ledger ${path} is already open for writing by this process (pid ${owner?.pid}), since ${owner?.since}${as}${tail}`;
    case 'other-host':
      return (
        `ledger ${path} is locked by pid ${owner?.pid} on host ${owner?.host}, since ${owner?.since}${as} (lock file ${lockPath}). ` +
        `PENIN cannot tell from here whether that process still runs: if it does not, delete ${lockPath}.`
      );
    case 'empty':
      return (
        `the lock file ${lockPath} of ledger ${path} is empty: another PENIN process may be taking the lock this very moment. ` +
        `Try again in a few seconds (an empty lock older than ${EMPTY_LOCK_ABANDONED_MS / 1000} s is taken over); ` +
        `if no PENIN process is writing this ledger, delete ${lockPath}.`
      );
    case 'not-a-lock':
      return (
        `the lock file ${lockPath} of ledger ${path} is not a PENIN lock (${why}). ` +
        `If no PENIN process is writing this ledger, delete ${lockPath}.`
      );
  }
}

export interface LedgerLock {
  /** The lock beside the ledger's real path. */
  readonly lockPath: string;
  /** The lock named from the file's device and inode. */
  readonly identityLockPath: string;
  release(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Takes one lock file for `owner`, taking over an abandoned one; throws LedgerLockedError when held. */
async function takeLock(ledgerPath: string, lockPath: string, owner: LockOwner): Promise<void> {
  const host = hostname();
  const waitUntil = Date.now() + EMPTY_LOCK_WAIT_MS;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (tryCreateLock(lockPath, owner)) return;
    const s = readLockState(lockPath);
    if (s.kind === 'free') continue; // released meanwhile: race for it again
    if (s.kind === 'not-a-lock') throw new LedgerLockedError(ledgerPath, lockPath, 'not-a-lock', null, s.why);
    if (s.kind === 'empty') {
      if (s.ageMs > EMPTY_LOCK_ABANDONED_MS) {
        removeAbandonedLock(lockPath, null);
        continue;
      }
      if (Date.now() >= waitUntil) throw new LedgerLockedError(ledgerPath, lockPath, 'empty', null);
      await sleep(25); // a writer between its create and its write: it writes its owner in a moment
      continue;
    }
    const o = s.owner;
    if (o.host !== host) throw new LedgerLockedError(ledgerPath, lockPath, 'other-host', o);
    if (o.pid === process.pid) throw new LedgerLockedError(ledgerPath, lockPath, 'this-process', o);
    if (isAlive(o.pid)) throw new LedgerLockedError(ledgerPath, lockPath, 'held', o);
    // The owner died (crash, SIGKILL): move its lock aside, then race for a fresh one with O_EXCL.
    removeAbandonedLock(lockPath, s.raw);
  }
  const s = readLockState(lockPath);
  throw new LedgerLockedError(ledgerPath, lockPath, 'held', s.kind === 'owner' ? s.owner : null);
}

export class LockDirError extends Error {}

/** The private directory of identity locks: created 0700, refused unless it is this user's own. */
export function identityLockDir(base = tmpdir()): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = join(base, `penin-ledger-locks-${uid ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const s = lstatSync(dir);
  if (!s.isDirectory() || (uid !== null && (s.uid !== uid || (s.mode & 0o022) !== 0)))
    throw new LockDirError(
      `${dir} (where PENIN keeps its ledger locks) is not a private directory of this user; remove it and try again`,
    );
  return dir;
}

/**
 * Takes the ledger's two locks. Creates the ledger (empty, 0600) if it does not exist, so that a
 * path through a symlink resolves to the file it names; refuses a path that is not a regular file.
 */
export async function acquireLock(ledgerPath: string, opts: { lockDir?: string } = {}): Promise<LedgerLock> {
  const { fd } = openRegularSync(ledgerPath, 'append');
  let id: string;
  try {
    const s = fstatSync(fd, { bigint: true });
    id = `${s.dev}-${s.ino}`;
  } finally {
    closeSync(fd);
  }
  const lockPath = `${realpathSync(ledgerPath)}.lock`;
  const identityLockPath = join(opts.lockDir ?? identityLockDir(), `${id}.lock`);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ledger: resolve(ledgerPath),
  };
  await takeLock(ledgerPath, lockPath, owner);
  try {
    await takeLock(ledgerPath, identityLockPath, owner);
  } catch (e) {
    releaseLock(lockPath, owner);
    throw e;
  }
  return {
    lockPath,
    identityLockPath,
    release: () => {
      releaseLock(identityLockPath, owner);
      releaseLock(lockPath, owner);
    },
  };
}
