// The fleet breakers against a real redis-server: a breaker opened by failures on one instance is
// skipped by another as soon as the transition is published; an operator's reset on the other
// closes it on the first; the half-open trial is taken by one instance only.
import { describe, expect, it } from 'vitest';
import type { BreakerTransition } from '../../../shared/domain';
import type { Permit } from '../../../electron/core/breakers/breaker';
import { BreakerRegistry } from '../../../electron/core/breakers/breaker-registry';
import { LocalBreakers } from '../../../electron/core/breakers/breaker-port';
import { RedisBreakers, type RedisBreakersOptions } from '../../../electron/core/breakers/redis-breakers';
import { sleep, until, useFleet } from '../../helpers/redis-fleet';

const fleet = useFleet();

async function instances(
  n: number,
  opts: Omit<RedisBreakersOptions, 'redis'> = {},
  providers: string[] = ['openai'],
): Promise<RedisBreakers[]> {
  const ns = fleet.namespace();
  const out: RedisBreakers[] = [];
  for (let i = 0; i < n; i++) {
    const b = await RedisBreakers.open({ ...opts, redis: await fleet.connect(ns, `gw-${i}`) }, providers);
    fleet.cleanup(() => b.close());
    out.push(b);
  }
  return out;
}

async function permit(p: Permit | Promise<Permit>): Promise<Permit> {
  return p instanceof Promise ? await p : p;
}

/** Transitions one instance was told of, as "provider:from->to". */
function watch(b: RedisBreakers): string[] {
  const seen: string[] = [];
  b.onTransition((t: BreakerTransition, provider) => seen.push(`${provider}:${t.from}->${t.to}`));
  return seen;
}

describe('RedisBreakers', () => {
  it('a closed breaker grants without a round trip (a plain value, not a promise)', async () => {
    const [a] = await instances(1);
    const p = a.acquire('openai');
    expect(p).not.toBeInstanceOf(Promise);
    expect((p as Permit).ok).toBe(true);
  });

  it('opened by failures on A, skipped by B after one publish; reset on B closes it on A', async () => {
    const [a, b] = await instances(2, { failureThreshold: 3, timeoutMs: 60_000 });
    const seenA = watch(a);
    const seenB = watch(b);
    for (let i = 0; i < 3; i++) {
      const p = await permit(a.acquire('openai'));
      if (!p.ok) throw new Error('expected a permit');
      p.failure(`HTTP 503 #${i}`);
    }
    await until(() => seenB.includes('openai:closed->open'), 2000, 'B to hear that the breaker opened');
    expect(b.snapshot('openai').state).toBe('open');
    // B refuses from its copy: a plain value, no round trip.
    const refused = b.acquire('openai');
    expect(refused).not.toBeInstanceOf(Promise);
    expect(refused).toMatchObject({ ok: false, reason: 'open' });
    expect(b.snapshot('openai').transitions.at(-1)?.cause).toMatch(/^3 consecutive failures: HTTP 503 #2/);

    await b.reset('openai', 'alice', 'provider confirmed the incident is over');
    await until(() => seenA.includes('openai:open->closed'), 2000, 'A to hear of the reset');
    expect(a.snapshot('openai').state).toBe('closed');
    expect(a.snapshot('openai').transitions.at(-1)?.cause).toBe(
      'operator reset by alice: provider confirmed the incident is over',
    );
    expect((await permit(a.acquire('openai'))).ok).toBe(true);
    // Each instance was told of each transition once.
    expect(seenA).toEqual(['openai:closed->open', 'openai:open->closed']);
    expect(seenB).toEqual(['openai:closed->open', 'openai:open->closed']);
  });

  it('failures from several instances add up; a success anywhere resets the count', async () => {
    const [a, b] = await instances(2, { failureThreshold: 3 });
    const seenB = watch(b);
    const fail = async (x: RedisBreakers): Promise<void> => {
      const p = await permit(x.acquire('openai'));
      if (p.ok) p.failure('timeout');
    };
    await fail(a);
    await fail(b);
    await until(() => a.snapshot('openai').consecutiveFailures === 2, 2000, 'A to see 2 failures');
    const ok = await permit(a.acquire('openai'));
    if (ok.ok) ok.success(); // A knows of failures: the success is sent and resets the count
    await until(() => b.snapshot('openai').consecutiveFailures === 0, 2000, 'B to see the reset count');
    await fail(b);
    await fail(a);
    await sleep(100);
    expect(b.snapshot('openai').state).toBe('closed');
    await fail(b);
    await until(() => seenB.includes('openai:closed->open'), 2000, 'the third failure in a row to open it');
  });

  it('force-open on one instance holds every instance open until a reset', async () => {
    const [a, b, c] = await instances(3);
    await a.forceOpen('openai', 'bob', 'maintenance window');
    await until(
      () => c.snapshot('openai').forcedOpen && b.snapshot('openai').forcedOpen,
      2000,
      'the force-open',
    );
    expect(await permit(c.acquire('openai'))).toMatchObject({ ok: false, reason: 'forced_open' });
    await c.reset('openai', 'bob', 'maintenance over');
    await until(() => a.snapshot('openai').state === 'closed', 2000, 'the reset on A');
    expect(a.snapshot('openai').forcedOpen).toBe(false);
  });

  it('after the timeout exactly one instance gets the half-open trial; its success closes the breaker everywhere', async () => {
    const [a, b, c] = await instances(3, { failureThreshold: 1, timeoutMs: 200, successThreshold: 1 });
    const seenC = watch(c);
    const p = await permit(a.acquire('openai'));
    if (p.ok) p.failure('HTTP 500');
    await until(
      () => b.snapshot('openai').state === 'open' && c.snapshot('openai').state === 'open',
      2000,
      'open',
    );
    await sleep(250);
    const permits = await Promise.all([a, b, c].map((x) => permit(x.acquire('openai'))));
    const granted = permits.filter((x) => x.ok);
    expect(granted).toHaveLength(1);
    expect(permits.filter((x) => !x.ok).map((x) => (x.ok ? '' : x.reason))).toEqual([
      'half_open_busy',
      'half_open_busy',
    ]);
    const trial = granted[0];
    if (trial.ok) trial.success();
    await until(() => seenC.includes('openai:half_open->closed'), 2000, 'the trial success to close it');
    expect(a.snapshot('openai').state).toBe('closed');
  });

  it('a reconnect reloads what was missed', async () => {
    const [a, b] = await instances(2, { failureThreshold: 1 });
    await fleet.server().stop();
    await fleet.server().start(); // empty Redis: every breaker is closed again
    await until(
      async () => {
        try {
          await a.forceOpen('openai', 'ops', 'after restart');
          return true;
        } catch {
          return false;
        }
      },
      5000,
      'A to reconnect',
    );
    await until(() => b.snapshot('openai').state === 'open', 5000, 'B to learn of the force-open');
  });

  it('the in-memory registry serves the same port, synchronously', () => {
    const local = new LocalBreakers(new BreakerRegistry({ failureThreshold: 1 }));
    const p = local.acquire('openai');
    if (!p.ok) throw new Error('expected a permit');
    p.failure('boom');
    expect(local.snapshot('openai').state).toBe('open');
    expect(local.reset('openai', 'a', 'b').state).toBe('closed');
  });
});
