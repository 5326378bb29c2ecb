// One writer per ledger file: an exclusive lock file beside it (FILE.lock, created with O_EXCL,
// holding the owner's pid and host). A lock whose owner died on this host is taken over.
import { hostname } from 'node:os';
import { openSync, writeSync, closeSync, readFileSync, renameSync, unlinkSync, fsyncSync } from 'node:fs';

export class LedgerLockedError extends Error {
  constructor(
    readonly path: string,
    readonly ownerPid: number | null,
  ) {
    super(
      `ledger ${path} is already open for writing by another process` +
        (ownerPid !== null ? ` (pid ${ownerPid})` : '') +
        '; only one writer may append to a ledger. Close the other PENIN instance, or open this file read-only for audit.',
    );
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LedgerLock {
  readonly lockPath: string;
  release(): void;
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeSync(fd, JSON.stringify(owner));
  fsyncSync(fd);
  closeSync(fd);
  return true;
}

export function acquireLock(ledgerPath: string): LedgerLock {
  const lockPath = `${ledgerPath}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath)) {
      return {
        lockPath,
        release: () => {
          const o = readOwner(lockPath);
          if (o && o.pid === process.pid) unlinkSync(lockPath);
        },
      };
    }
    const owner = readOwner(lockPath);
    const stale =
      owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
    if (owner && owner.pid === process.pid && owner.host === hostname())
      throw new LedgerLockedError(ledgerPath, owner.pid); // this process already writes it
    if (!stale) throw new LedgerLockedError(ledgerPath, owner?.pid ?? null);
    // The owner died (crash, SIGKILL): move its lock aside, then race for a fresh one with O_EXCL.
    const aside = `${lockPath}.stale-${process.pid}`;
    try {
      renameSync(lockPath, aside);
      const moved = readOwner(aside);
      if (moved && moved.pid !== owner.pid) {
        renameSync(aside, lockPath); // a live writer took it meanwhile: give it back
        throw new LedgerLockedError(ledgerPath, moved.pid);
      }
      unlinkSync(aside);
    } catch (e) {
      if (e instanceof LedgerLockedError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new LedgerLockedError(ledgerPath, readOwner(lockPath)?.pid ?? null);
}
