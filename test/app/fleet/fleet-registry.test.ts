import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FleetRegistry, requestsPerSec } from '../../../electron/app/fleet/fleet-registry';
import { fileFleetStore, memoryFleetStore } from '../../../electron/app/fleet/fleet-store';
import type { FleetStatus } from '../../../shared/ipc/fleet';
import { tmpDir } from '../../helpers/tmp';
import { readyThen, startHostile, startRemoteConsole, type RemoteConsole } from './remote-server';

const FAST = { connectTimeoutMs: 500, callTimeoutMs: 500, backoffMs: { initial: 50, max: 200 } };
let a: RemoteConsole;
let b: RemoteConsole;
const registries: FleetRegistry[] = [];

beforeAll(async () => {
  a = await startRemoteConsole('token-of-instance-a');
  b = await startRemoteConsole('token-of-instance-b');
});
afterAll(async () => {
  await a.close();
  await b.close();
});
afterEach(() => {
  for (const r of registries.splice(0)) r.close();
});

function registry(dir: string | null = null, changes: FleetStatus[] = []): FleetRegistry {
  const r = new FleetRegistry({
    store: dir === null ? memoryFleetStore() : fileFleetStore(dir, null),
    pollMs: 100,
    remote: FAST,
    onChange: (s) => changes.push(s),
  });
  registries.push(r);
  return r;
}

describe('FleetRegistry', () => {
  it('polls each attached instance: health, latency, spend, breakers, and the totals', async () => {
    a.core.spendUsd = 1;
    b.core.spendUsd = 2.5;
    b.core.breakerList = [{ ...b.core.breakerList[0]!, state: 'open' }, b.core.breakerList[1]!];
    const changes: FleetStatus[] = [];
    const fleet = registry(null, changes);
    const first = await fleet.attach({ url: a.url, token: a.token, name: 'alpha' });
    expect(first).toMatchObject({ name: 'alpha', url: `ws://127.0.0.1:${a.server.port}/ws`, health: 'up' });
    await fleet.attach({ url: b.url, token: b.token });
    const status = fleet.status();
    expect(status.instances.map((i) => [i.name, i.health, i.spentUsd, i.limitUsd])).toEqual([
      ['alpha', 'up', 1, 10],
      [`127.0.0.1:${b.server.port}`, 'up', 2.5, 10],
    ]);
    expect(status.instances[1]!.breakers).toEqual([
      { provider: 'openai', state: 'open' },
      { provider: 'anthropic', state: 'closed' },
    ]);
    expect(status.instances[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(status.totals).toMatchObject({
      spentUsd: 3.5,
      limitUsd: 20,
      instances: 2,
      healthy: 2,
      source: 'sum',
    });
    // Spend moves: the next poll sees it and publishes.
    a.core.spendUsd = 4;
    await expect.poll(() => fleet.status().totals.spentUsd, { timeout: 3000 }).toBe(6.5);
    expect(changes.at(-1)!.totals.spentUsd).toBe(6.5);
    // No token anywhere in what the windows get.
    expect(JSON.stringify(fleet.status())).not.toMatch(/token-of-instance/);
    expect(JSON.stringify(changes)).not.toMatch(/token-of-instance/);
  });

  it('refuses a wrong token at attach time and keeps nothing', async () => {
    const fleet = registry();
    await expect(fleet.attach({ url: a.url, token: 'nope' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/refused the token/),
    });
    expect(fleet.status().instances).toEqual([]);
  });

  it('refuses the same instance twice', async () => {
    const fleet = registry();
    await fleet.attach({ url: a.url, token: a.token });
    await expect(fleet.attach({ url: `${a.url}#token=x`, token: a.token })).rejects.toThrow(
      /attached already/,
    );
  });

  it('an instance that stops answering goes down with the reason, and comes back up', async () => {
    const c = await startRemoteConsole('token-c');
    const port = c.server.port;
    const fleet = registry();
    await fleet.attach({ url: c.url, token: c.token, name: 'gamma' });
    await c.close();
    await expect.poll(() => fleet.status().instances[0]!.health, { timeout: 3000 }).toBe('down');
    expect(fleet.status().instances[0]!.lastError).toBeTruthy();
    expect(fleet.status().totals.healthy).toBe(0);
    const again = await startRemoteConsole('token-c', port);
    try {
      await expect.poll(() => fleet.status().instances[0]!.health, { timeout: 5000 }).toBe('up');
    } finally {
      await again.close();
    }
  });

  it('a hostile instance that never answers is shown down; the others are still polled', async () => {
    const h = await startHostile(readyThen(() => undefined));
    try {
      const fleet = registry();
      await fleet.attach({ url: h.url, token: 'whatever', name: 'silent' });
      await fleet.attach({ url: a.url, token: a.token, name: 'alpha' });
      const s = fleet.status();
      expect(s.instances.map((i) => i.health)).toEqual(['down', 'up']);
      expect(s.instances[0]!.lastError).toMatch(/no answer within/);
    } finally {
      await h.close();
    }
  });

  it('keeps names and URLs in fleet.json and tokens apart (0600), and forgets both on detach', async () => {
    const dir = tmpDir('penin-fleet-store-');
    const fleet = registry(dir);
    const added = await fleet.attach({ url: a.url, token: a.token, name: 'alpha' });
    const list = readFileSync(join(dir, 'fleet.json'), 'utf8');
    expect(list).toContain('alpha');
    expect(list).not.toContain(a.token);
    const tokenFile = join(dir, 'fleet-tokens', added.id);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(a.token);
    if (process.platform !== 'win32') expect(statSync(tokenFile).mode & 0o077).toBe(0);
    fleet.close();

    // A new run finds it again, token included.
    const next = registry(dir);
    expect(next.status().instances.map((i) => i.name)).toEqual(['alpha']);
    await expect.poll(() => next.status().instances[0]!.health, { timeout: 3000 }).toBe('up');
    expect(next.detach(added.id)).toEqual({ detached: true });
    expect(existsSync(tokenFile)).toBe(false);
    expect(readdirSync(join(dir, 'fleet-tokens'))).toEqual([]);
    expect(next.status().instances).toEqual([]);
    expect(next.detach(added.id)).toEqual({ detached: false });
  });

  it('counts a shared (Redis) budget once, from the gateway’s own fleet figures', async () => {
    const withFleet = (spend: number, instance: string) => {
      return (m: { id: number; channel: string }): string => {
        const value =
          m.channel === 'budget:get'
            ? {
                dailyLimitUsd: 100,
                spendUsd: 7,
                requests: 9,
                at: 1,
                fleet: {
                  instance,
                  instances: [
                    { name: 'n1', spentUsd: spend, requests: 4 },
                    { name: 'n2', spentUsd: 7 - spend, requests: 5 },
                  ],
                },
              }
            : [];
        return JSON.stringify({ type: 'result', id: m.id, result: { ok: true, value } });
      };
    };
    const h1 = await startHostile(readyThen(withFleet(3, 'n1')));
    const h2 = await startHostile(readyThen(withFleet(3, 'n2')));
    try {
      const fleet = registry();
      await fleet.attach({ url: h1.url, token: 't', name: 'n1' });
      await fleet.attach({ url: h2.url, token: 't', name: 'n2' });
      const s = fleet.status();
      expect(s.instances.map((i) => [i.spentUsd, i.fleetInstance])).toEqual([
        [3, 'n1'],
        [4, 'n2'],
      ]);
      expect(s.totals).toMatchObject({ spentUsd: 7, limitUsd: 100, source: 'gateway' });
    } finally {
      await h1.close();
      await h2.close();
    }
  });
});

describe('requestsPerSec', () => {
  it('counts the requests of the last 10 s on the remote’s clock', () => {
    const now = 1_000_000;
    const recent = [now - 500, now - 2000, now - 9000, now - 11_000].map((at) => ({ at }));
    expect(requestsPerSec(recent, now)).toBe(0.3);
    expect(requestsPerSec([], now)).toBe(0);
  });
  it('uses the span of the kept 200 when they all fall in the window', () => {
    const now = 1_000_000;
    const recent = Array.from({ length: 200 }, (_, i) => ({ at: now - i * 10 }));
    expect(requestsPerSec(recent, now)).toBeCloseTo(100, 0);
  });
});
