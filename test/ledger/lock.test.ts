import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { acquireLock, identityLockDir, LedgerLockedError, LockDirError } from '../../electron/ledger/lock';
import { tmpDir } from '../helpers/tmp';

describe('the ledger lock', () => {
  it('is taken on the file: its real path and its identity; released, both are gone', async () => {
    const dir = tmpDir();
    const real = join(dir, 'real.jsonl');
    const lock = await acquireLock(real, { lockDir: tmpDir() });
    expect(lock.lockPath).toBe(`${real}.lock`);
    expect(existsSync(real)).toBe(true); // created empty, so that every spelling resolves to it
    const owner = JSON.parse(readFileSync(lock.identityLockPath, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, ledger: real });
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    expect(existsSync(lock.identityLockPath)).toBe(false);
  });

  it('a symlink and a relative spelling meet the same lock', async () => {
    const dir = tmpDir();
    const real = join(dir, 'real.jsonl');
    const lockDir = tmpDir();
    const lock = await acquireLock(real, { lockDir });
    const link = join(tmpDir(), 'link.jsonl');
    symlinkSync(real, link);
    for (const p of [link, relative(process.cwd(), real)]) {
      const e = await acquireLock(p, { lockDir }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(LedgerLockedError);
      expect((e as LedgerLockedError).lockPath).toBe(lock.lockPath);
    }
    lock.release();
  });

  it('release leaves alone a lock that is no longer this writer’s', async () => {
    const real = join(tmpDir(), 'real.jsonl');
    const lock = await acquireLock(real, { lockDir: tmpDir() });
    const other = JSON.stringify({ pid: 999999, host: 'h', since: 'then' });
    writeFileSync(lock.lockPath, other);
    lock.release();
    expect(readFileSync(lock.lockPath, 'utf8')).toBe(other);
  });

  it('the identity lock directory must be this user’s own, not writable by others', () => {
    const base = tmpDir();
    const dir = identityLockDir(base);
    expect(existsSync(dir)).toBe(true);
    chmodSync(dir, 0o777);
    expect(() => identityLockDir(base)).toThrow(LockDirError);
    const base2 = tmpDir();
    const target = join(tmpDir(), 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, dir.replace(base, base2));
    expect(() => identityLockDir(base2)).toThrow(LockDirError);
  });
});
