// One lock file: created with O_EXCL, then its owner ({pid, host, since, ledger}) written into it.
// What an existing lock file says (free, an owner, empty, not a PENIN lock) is read here without
// ever blocking (regular-file.ts) and without trusting its content: anything that is not an owner
// is reported as such, never taken for one.
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readSmallFileSync } from './regular-file';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** The ledger's path as its writer named it. */
  ledger?: string;
}

/** The most a lock file holds: an owner is about 200 bytes. */
const LOCK_MAX_BYTES = 64 * 1024;

export type LockState =
  | { kind: 'free' }
  | { kind: 'owner'; owner: LockOwner; raw: Buffer }
  | { kind: 'empty'; ageMs: number }
  | { kind: 'not-a-lock'; why: string };

function parseOwner(raw: Buffer): LockOwner | null {
  try {
    const o = JSON.parse(raw.toString('utf8')) as Partial<LockOwner> | null;
    if (
      o === null ||
      typeof o !== 'object' ||
      !Number.isSafeInteger(o.pid) ||
      (o.pid ?? 0) <= 0 ||
      typeof o.host !== 'string'
    )
      return null;
    return {
      pid: o.pid as number,
      host: o.host,
      since: typeof o.since === 'string' ? o.since : 'an unknown time',
      ...(typeof o.ledger === 'string' ? { ledger: o.ledger } : {}),
    };
  } catch {
    return null;
  }
}

export function readLockState(lockPath: string, now = Date.now()): LockState {
  let raw: Buffer;
  try {
    raw = readSmallFileSync(lockPath, { maxBytes: LOCK_MAX_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'free' };
    return {
      kind: 'not-a-lock',
      why: e instanceof Error && code === undefined ? e.message : `unreadable: ${code}`,
    };
  }
  if (raw.length === 0) {
    let mtime = now;
    try {
      mtime = statSync(lockPath).mtimeMs;
    } catch {
      return { kind: 'free' };
    }
    return { kind: 'empty', ageMs: now - mtime };
  }
  const owner = parseOwner(raw);
  return owner
    ? { kind: 'owner', owner, raw }
    : { kind: 'not-a-lock', why: 'it holds something other than the pid and host of a PENIN writer' };
}

/** Creates `lockPath` holding `owner`; false when it already exists. */
export function tryCreateLock(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes an abandoned lock (a dead owner, an empty file left by a crash between create and write)
 * so that a fresh one can be raced for with O_EXCL. It is moved aside first and checked: if what
 * was moved is not what was judged abandoned (a live writer took the lock meanwhile), it is put back.
 * Returns false when it was put back.
 */
export function removeAbandonedLock(lockPath: string, judged: Buffer | null): boolean {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone else removed it
    throw e;
  }
  let moved: Buffer | null = null;
  try {
    moved = readSmallFileSync(aside, { maxBytes: LOCK_MAX_BYTES });
  } catch {
    moved = null;
  }
  const same =
    judged === null ? moved !== null && moved.length === 0 : moved !== null && moved.equals(judged);
  if (same) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, lockPath); // never over a lock created since
    unlinkSync(aside);
  } catch {
    renameSync(aside, lockPath);
  }
  return false;
}

/** Removes `lockPath` if it still names this owner (a lock taken over by another is left alone). */
export function releaseLock(lockPath: string, owner: LockOwner): void {
  const s = readLockState(lockPath);
  if (s.kind === 'owner' && s.owner.pid === owner.pid && s.owner.since === owner.since) {
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
