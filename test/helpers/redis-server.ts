// A real redis-server for the fleet tests (never a mock): Debian's binary, on a free loopback port,
// no persistence (no RDB, no AOF), its working directory a temp dir removed on close(). It can be
// stopped and started again on the same port, for the "Redis went away and came back" tests.
//
//   const redis = await startRedisServer();
//   ... createClient({ url: redis.url }) ...
//   await redis.stop();   // clients see the connection drop
//   await redis.start();  // same port, empty data set (nothing was persisted)
//   await redis.close();
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpDir } from './tmp';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly running: boolean;
  /** Stops the server (SIGTERM, or SIGKILL with `kill`): open connections drop. */
  stop(opts?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP): connections stay open, commands get no answer until resume(),
   * then are executed and answered late. Data is kept: the "answer lost, retry" case.
   */
  pause(): void;
  /** Thaws a paused server (SIGCONT). */
  resume(): void;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Resolves once `PING` on 127.0.0.1:port answers `+PONG`; rejects after `timeoutMs`. */
async function waitForPong(port: number, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`redis-server exited (${proc.exitCode ?? proc.signalCode}) before it answered`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      let got = '';
      const done = (v: boolean): void => {
        sock.destroy();
        resolve(v);
      };
      sock.setTimeout(500, () => done(false));
      sock.once('error', () => done(false));
      sock.once('connect', () => sock.write('PING\r\n'));
      sock.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.includes('\r\n')) done(got.startsWith('+PONG'));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * `persist`: the data set is saved when the server is stopped with SIGTERM and loaded when it is
 * started again (an RDB file in its temp dir): Redis restarted by its operator, not wiped.
 */
export async function startRedisServer(
  opts: { port?: number; persist?: boolean } = {},
): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER_BIN))
    throw new Error(
      `${REDIS_SERVER_BIN} not found: install Debian's redis-server (apt-get install redis-server)`,
    );
  const dir = tmpDir('penin-redis-');
  const port = opts.port ?? (await freePort());
  let proc: ChildProcess | null = null;
  let log = '';

  const start = async (): Promise<void> => {
    if (proc) throw new Error('redis-server is already running');
    // Everything on the command line: no config file is read, nothing is written to disk (unless
    // `persist`: then one RDB file, written at shutdown).
    const p = spawn(
      REDIS_SERVER_BIN,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--protected-mode',
        'yes',
        '--save',
        opts.persist ? '3600 1' : '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
        '--logfile',
        '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (d: Buffer): void => {
      log = (log + d.toString('utf8')).slice(-4000);
    };
    p.stdout?.on('data', keep);
    p.stderr?.on('data', keep);
    proc = p;
    try {
      await waitForPong(port, p, 10_000);
    } catch (e) {
      p.kill('SIGKILL');
      proc = null;
      throw new Error(`${(e as Error).message}\n${log}`);
    }
  };

  const stop = async (o: { kill?: boolean } = {}): Promise<void> => {
    const p = proc;
    if (!p) return;
    proc = null;
    if (p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGCONT'); // a paused server cannot act on SIGTERM
      p.kill(o.kill ? 'SIGKILL' : 'SIGTERM');
    });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return proc !== null;
    },
    stop,
    start,
    pause: () => {
      if (!proc) throw new Error('redis-server is not running');
      proc.kill('SIGSTOP');
    },
    resume: () => {
      if (!proc) throw new Error('redis-server is not running');
      proc.kill('SIGCONT');
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
