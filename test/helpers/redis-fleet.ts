// One real redis-server per test file, and fleet connections to it, each test in its own namespace
// (so that tests sharing a server never see each other's keys). Everything opened is closed after.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FleetRedis, type FleetRedisOptions } from '../../electron/core/redis/redis-connection';
import { startRedisServer, type RedisServer } from './redis-server';

export interface Fleet {
  server(): RedisServer;
  /** A new namespace for one test. */
  namespace(): string;
  /** A connection as instance `instance` in `namespace`, closed after the test. */
  connect(namespace: string, instance: string, opts?: Partial<FleetRedisOptions>): Promise<FleetRedis>;
  /** Called after each test (before the connections are closed). */
  cleanup(fn: () => void): void;
}

export function useFleet(): Fleet {
  let server: RedisServer | null = null;
  const open: FleetRedis[] = [];
  const cleanups: (() => void)[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    for (const fn of cleanups.splice(0)) fn();
    await Promise.all(open.splice(0).map((c) => c.close()));
    if (server && !server.running) await server.start();
  });
  afterAll(async () => {
    await server?.close();
  });
  const srv = (): RedisServer => {
    if (!server) throw new Error('redis-server not started');
    return server;
  };
  return {
    server: srv,
    namespace: () => `t-${randomBytes(6).toString('hex')}`,
    connect: async (namespace, instance, opts = {}) => {
      const c = await FleetRedis.connect({
        url: srv().url,
        namespace,
        instance,
        commandTimeoutMs: 1000,
        maxReconnectDelayMs: 100,
        ...opts,
      });
      open.push(c);
      return c;
    },
    cleanup: (fn) => cleanups.push(fn),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 10 ms until it holds; throws after `timeoutMs`. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
