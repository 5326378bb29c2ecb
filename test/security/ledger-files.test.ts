// Hostile files around a ledger (issue 14, items 1, 4 and 10). Each test reproduces an attack and
// states the answer expected:
// - One writer per FILE (14.1): `penin append` on real.jsonl, on a symlink to it and on a hard link
//   to it (both in another directory), and on `./real.jsonl`, all at once: exactly one writes; the
//   others exit 2 with "already open for writing by another process (pid N)"; the ledger verifies.
// - Special files (14.4): a FIFO as the checkpoint sidecar, the public key, the lock file, the config,
//   the token file, the secret file and the ledger itself, and /dev/zero or a directory instead of
//   a file: each gets a clear typed error at once (nothing blocks: `penin verify --pubkey` with a
//   FIFO sidecar exits 2, and in the app four ledger:anchors calls on a FIFO sidecar do not use up
//   libuv's file threads). Small files over their cap (1 MiB) and a sidecar line of 10 MB are
//   refused or reported, never loaded whole.
// - Lock files that are not a live writer's (14.10): garbage, empty, a dead pid, a live pid, another
//   host: the error says who holds the lock (pid, host, since) or what to do (delete it); a dead
//   owner's lock and an empty lock older than 5 s are taken over.
// FIFO tests use a rescuer (helpers/fifo.ts): a regression fails the test instead of hanging the run.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { CLI, penin } from '../helpers/cli';
import { decision, lines } from '../helpers/ledger';
import { mkfifo } from '../helpers/fifo';
import { legacyLedger, signedLedger } from '../helpers/signed-ledger';
import { noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { tmpDir } from '../helpers/tmp';
import { LedgerWriter } from '../../electron/ledger/writer';
import { LedgerLockedError } from '../../electron/ledger/lock';
import { verifyFile, UnreadableLedgerError } from '../../electron/ledger/verify-file';
import { checkAnchors } from '../../electron/ledger/anchors';
import { sidecarPath } from '../../electron/ledger/checkpoint';
import { KeyFileError, loadPublicKey } from '../../electron/ledger/signing-key';
import { NotRegularFileError } from '../../electron/ledger/regular-file';
import { ConfigError, loadConfigFile } from '../../electron/core/config/config';
import { loadOrCreateToken } from '../../electron/core/http/gateway-token';
import { loadOrCreateSecret } from '../../electron/core/secrets/secret-file';
import { LedgerSessions } from '../../electron/app/ledger-sessions';
import { LedgerSession } from '../../electron/ledger/session';
import { PublicError } from '../../electron/ipc/public-error';

const LOCKED = /already open for writing by another process \(pid \d+\)/;

/** `penin append FILE` with stdin kept open: resolves at its first ack (it holds the lock) or its exit. */
function appender(file: string, cwd?: string) {
  const child = spawn(process.execPath, [CLI, 'append', file], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  child.stdin.on('error', () => {});
  child.stdin.write(JSON.stringify(decision(1)) + '\n');
  const firstAckOrExit = new Promise<'acked' | 'exited'>((resolve) => {
    child.stdout.on('data', () => resolve('acked'));
    void exited.then(() => resolve('exited'));
  });
  return {
    firstAckOrExit,
    exited,
    finish: () => child.stdin.end(),
    out: () => ({ stdout, stderr }),
  };
}

describe('one writer per file, however the path is spelled (14.1)', () => {
  it('real.jsonl, a symlink, a hard link and ./real.jsonl appended at once: one writer, the others refused', async () => {
    const dir = tmpDir();
    const other = join(tmpDir(), 'elsewhere');
    mkdirSync(other);
    const real = join(dir, 'real.jsonl');
    expect(penin(['append', real], JSON.stringify(decision(0)) + '\n').code).toBe(0);
    const sym = join(other, 'sym.jsonl');
    const hard = join(other, 'hard.jsonl');
    symlinkSync(real, sym);
    linkSync(real, hard);

    const all = [appender(real), appender(sym), appender(hard), appender('./real.jsonl', dir)];
    const states = await Promise.all(all.map((a) => a.firstAckOrExit));
    expect(states.filter((s) => s === 'acked')).toHaveLength(1);
    const winner = all[states.indexOf('acked')];
    for (const [i, a] of all.entries()) {
      if (a === winner) continue;
      expect(await a.exited).toBe(2);
      expect(a.out().stderr).toMatch(LOCKED);
      expect(a.out().stdout).toBe('');
      expect(states[i]).toBe('exited');
    }
    winner.finish();
    expect(await winner.exited).toBe(0);
    expect(lines(real)).toHaveLength(2);
    expect((await verifyFile(real)).valid).toBe(true);
    // Released: each spelling can write now, one after the other, and the chain stays whole.
    for (const p of [sym, hard, real])
      expect(penin(['append', p], JSON.stringify(decision(2)) + '\n').code).toBe(0);
    expect(lines(real)).toHaveLength(5);
    expect((await verifyFile(real)).breaks).toEqual([]);
  }, 120_000);

  it('in one process too: a hard link to an open ledger is refused, naming the path it was opened as', async () => {
    const dir = tmpDir();
    const real = join(dir, 'real.jsonl');
    const hard = join(tmpDir(), 'hard.jsonl');
    const w = await LedgerWriter.open(real);
    linkSync(real, hard);
    const e = await LedgerWriter.open(hard).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerLockedError);
    expect((e as LedgerLockedError).reason).toBe('this-process');
    expect((e as Error).message).toContain(`as ${real}`);
    await w.close();
    const w2 = await LedgerWriter.open(hard);
    await w2.append(decision(0));
    await w2.close();
    expect(lines(real)).toHaveLength(1);
  });
});

describe('special files are refused at once, never read (14.4)', () => {
  it('penin verify --pubkey with a FIFO as either checkpoint sidecar exits 2 and says why', async () => {
    for (const [sidecar, shown] of [
      [noteSidecarPath, /checkpoints is not a regular file but a FIFO \(named pipe\)/],
      [sidecarPath, /checkpoints\.jsonl is not a regular file but a FIFO \(named pipe\)/],
    ] as const) {
      const { path, pub } = await signedLedger(5);
      rmSync(sidecar(path), { force: true });
      mkfifo(sidecar(path));
      const r = spawnSync(process.execPath, [CLI, 'verify', path, '--pubkey', pub], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(shown);
    }
  }, 90_000);

  it('penin verify --pubkey FIFO, and a FIFO as the ledger, exit 2 with a message', async () => {
    const { path } = await signedLedger(3);
    const fifoKey = mkfifo(join(tmpDir(), 'key.pub'));
    const r = spawnSync(process.execPath, [CLI, 'verify', path, '--pubkey', fifoKey], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/key\.pub is not a regular file but a FIFO \(named pipe\)/);
    const fifoLedger = mkfifo(join(tmpDir(), 'l.jsonl'));
    const v = spawnSync(process.execPath, [CLI, 'verify', fifoLedger], { encoding: 'utf8', timeout: 60_000 });
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/not a regular file/);
  }, 90_000);

  it('checkAnchors with a FIFO as either sidecar rejects with NotRegularFileError', async () => {
    for (const sidecar of [noteSidecarPath, sidecarPath]) {
      const { path, pub } = await signedLedger(3);
      rmSync(sidecar(path), { force: true });
      mkfifo(sidecar(path));
      const e = await checkAnchors(path, { publicKey: loadPublicKey(pub) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotRegularFileError);
      expect((e as NotRegularFileError).kind).toBe('FIFO (named pipe)');
    }
  });

  it('in the app, ledger:anchors on a FIFO sidecar is a bad_request each time, and file reads still run', async () => {
    const { path, pub } = await signedLedger(3);
    rmSync(noteSidecarPath(path));
    mkfifo(noteSidecarPath(path));
    const h = new LedgerSessions({
      open: (p, o) => LedgerSession.open(p, o),
      liveLedgerPath: null,
    }).handlers();
    const { sessionId } = await h['ledger:openAudit']({ path });
    // More calls than libuv has file threads (4): a blocking open would hold one each.
    const calls = await Promise.all(
      Array.from({ length: 6 }, () =>
        Promise.resolve(h['ledger:anchors']({ sessionId, publicKeyPath: pub })).catch((x: unknown) => x),
      ),
    );
    for (const e of calls) {
      expect(e).toBeInstanceOf(PublicError);
      expect((e as PublicError).message).toMatch(/not a regular file but a FIFO \(named pipe\)/);
    }
    expect((await readFile(pub, 'utf8')).length).toBeGreaterThan(0); // the thread pool is free
  });

  it('a FIFO, /dev/zero or a directory as the public key: KeyFileError at once', () => {
    for (const p of [mkfifo(join(tmpDir(), 'k.pub')), '/dev/zero', tmpDir()]) {
      expect(() => loadPublicKey(p)).toThrow(KeyFileError);
      expect(() => loadPublicKey(p)).toThrow(/not a regular file/);
    }
  });

  it('a FIFO as the lock file: append gets a clear error (what it is, what to do), exit 2', async () => {
    const path = join(tmpDir(), 'l.jsonl');
    writeFileSync(path, '');
    mkfifo(`${path}.lock`);
    const e = await LedgerWriter.open(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerLockedError);
    expect((e as LedgerLockedError).reason).toBe('not-a-lock');
    expect((e as Error).message).toMatch(
      /is not a regular file but a FIFO \(named pipe\).*delete .*l\.jsonl\.lock/,
    );
    const r = spawnSync(process.execPath, [CLI, 'append', path], {
      input: JSON.stringify(decision(0)) + '\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a PENIN lock/);
  }, 90_000);

  it('a FIFO as the ledger: the writer and the verifier refuse it', async () => {
    const fifo = mkfifo(join(tmpDir(), 'l.jsonl'));
    await expect(LedgerWriter.open(fifo)).rejects.toThrow(NotRegularFileError);
    await expect(verifyFile(fifo)).rejects.toThrow(UnreadableLedgerError);
    await expect(verifyFile('/dev/zero')).rejects.toThrow(/not a regular file/);
  });

  it('a FIFO, /dev/zero, a directory or a 2 MiB file as the config: ConfigError at once', () => {
    const big = join(tmpDir(), 'big.json');
    writeFileSync(big, `{"x": "${'a'.repeat(2 * 1024 * 1024)}"}`);
    for (const [p, why] of [
      [mkfifo(join(tmpDir(), 'c.yaml')), /not a regular file but a FIFO \(named pipe\)/],
      ['/dev/zero', /not a regular file but a character device/],
      [tmpDir(), /not a regular file but a directory/],
      [big, /larger than 1048576 bytes/],
    ] as const) {
      expect(() => loadConfigFile(p)).toThrow(ConfigError);
      expect(() => loadConfigFile(p)).toThrow(why);
    }
  });

  it('a FIFO as the gateway token file or a secret file is refused', () => {
    const dir = tmpDir();
    mkfifo(join(dir, 'gateway-token'));
    expect(() => loadOrCreateToken(dir)).toThrow(NotRegularFileError);
    const secret = mkfifo(join(tmpDir(), 'cache-secret'));
    expect(() => loadOrCreateSecret(secret)).toThrow(NotRegularFileError);
  });

  it('a key file over 1 MiB is refused; a 10 MB sidecar line is a malformed checkpoint, not loaded', async () => {
    const big = join(tmpDir(), 'big.pub');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    expect(() => loadPublicKey(big)).toThrow(/larger than 1048576 bytes/);
    const { path, pub } = await signedLedger(5);
    writeFileSync(
      noteSidecarPath(path),
      `${'x'.repeat(10_000_000)}\n\n${readFileSync(noteSidecarPath(path), 'utf8')}`,
    );
    const r = await checkAnchors(path, { publicKey: loadPublicKey(pub) });
    expect(r.breaks.map((b) => b.detail)).toEqual([
      'checkpoint note at line 1 of ledger.jsonl.checkpoints is malformed: line 1 is over 65536 bytes',
    ]);
    expect(r.checkpoints.valid).toBe(1);
    const old = await legacyLedger(5);
    writeFileSync(
      sidecarPath(old.path),
      `${'{"x": "'.padEnd(10_000_000, 'y')}"}\n${readFileSync(sidecarPath(old.path), 'utf8')}`,
    );
    const o = await checkAnchors(old.path, { publicKey: loadPublicKey(old.pub) });
    expect(o.breaks.map((b) => b.detail)).toEqual([
      'checkpoint line 1 of ledger.jsonl.checkpoints.jsonl is malformed: longer than 65536 bytes, which no checkpoint is',
    ]);
    expect(o.checkpoints.valid).toBe(1);
  });
});

describe('lock files a live PENIN writer did not leave (14.10)', () => {
  const lockOf = (path: string) => `${path}.lock`;
  const setup = () => {
    const path = join(tmpDir(), 'l.jsonl');
    writeFileSync(path, '');
    return path;
  };
  const refusal = async (path: string) => {
    const e = await LedgerWriter.open(path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerLockedError);
    return e as LedgerLockedError;
  };

  it('garbage: "not a PENIN lock", and what to do; never taken over; fine once deleted', async () => {
    const path = setup();
    writeFileSync(lockOf(path), 'hello, I am not a lock');
    const e = await refusal(path);
    expect(e.reason).toBe('not-a-lock');
    expect(e.message).toContain(`the lock file ${lockOf(path)} of ledger ${path} is not a PENIN lock`);
    expect(e.message).toContain(`If no PENIN process is writing this ledger, delete ${lockOf(path)}`);
    const r = penin(['append', path], JSON.stringify(decision(0)) + '\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a PENIN lock');
    rmSync(lockOf(path));
    await (await LedgerWriter.open(path)).close();
  });

  it('empty and fresh (a writer between create and write): refused after a short wait, saying so', async () => {
    const path = setup();
    writeFileSync(lockOf(path), '');
    const e = await refusal(path);
    expect(e.reason).toBe('empty');
    expect(e.message).toMatch(/is empty: another PENIN process may be taking the lock this very moment/);
  });

  it('empty and older than 5 s (its writer died in between): taken over', async () => {
    const path = setup();
    writeFileSync(lockOf(path), '');
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(lockOf(path), old, old);
    const w = await LedgerWriter.open(path);
    expect(JSON.parse(readFileSync(lockOf(path), 'utf8')).pid).toBe(process.pid);
    await w.close();
  });

  it('a dead pid on this host: taken over', async () => {
    const path = setup();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      lockOf(path),
      JSON.stringify({ pid: dead, host: hostname(), since: '2020-01-01T00:00:00Z' }),
    );
    const w = await LedgerWriter.open(path);
    expect(JSON.parse(readFileSync(lockOf(path), 'utf8')).pid).toBe(process.pid);
    await w.close();
  });

  it('a live pid on this host: refused, naming the pid and since when', async () => {
    const path = setup();
    writeFileSync(
      lockOf(path),
      JSON.stringify({ pid: process.ppid, host: hostname(), since: '2020-01-01T00:00:00Z' }),
    );
    const e = await refusal(path);
    expect(e.reason).toBe('held');
    expect(e.ownerPid).toBe(process.ppid);
    expect(e.message).toMatch(
      new RegExp(`by another process \\(pid ${process.ppid}\\), on this host since 2020-01-01T00:00:00Z`),
    );
  });

  it('another host: refused, naming the host, and what to do if that process is gone', async () => {
    const path = setup();
    writeFileSync(
      lockOf(path),
      JSON.stringify({ pid: 4242, host: 'far-away', since: '2020-01-01T00:00:00Z' }),
    );
    const e = await refusal(path);
    expect(e.reason).toBe('other-host');
    expect(e.message).toContain('locked by pid 4242 on host far-away, since 2020-01-01T00:00:00Z');
    expect(e.message).toContain(`if it does not, delete ${lockOf(path)}`);
  });
});
