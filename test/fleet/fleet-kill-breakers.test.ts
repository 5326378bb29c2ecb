// The fleet end to end (#16), continued: an instance killed with SIGKILL mid-request (a separate
// process: the built CLI) stops renewing its holds, which expire and free the budget while the
// others go on; a breaker opened by upstream failures on instance A is skipped by instance B after
// one publish, and an operator's reset on B closes it on A, recorded once, in B's ledger.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { FakeUpstream } from '../gateway/fake-upstream';
import { hello, MODEL } from '../gateway/harness';
import { toConsoleCore } from '../../electron/app/core-adapter';
import { ledgerEntries, spawnInstance, startInstance, type Instance } from './fleet-harness';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function status(client: OpenAI): Promise<number | string> {
  try {
    await client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 10 });
    return 200;
  } catch (e) {
    if (e instanceof OpenAI.APIError) return `${e.status} ${e.code}`;
    return `error ${(e as Error).message}`;
  }
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});

describe('an instance killed mid-request', () => {
  it('its holds expire and release the budget; the other instance goes on', async () => {
    const hanging = await FakeUpstream.start('openai', 'up');
    hanging.always({ kind: 'hang' });
    const healthy = await FakeUpstream.start('openai', 'up');
    const common = {
      redisUrl: redis.url,
      namespace: 'fleet-kill',
      dailyLimitUsd: 0.5,
      reservationTtlMs: 1500,
    };
    const victim = await spawnInstance('victim', { ...common, upstream: hanging });
    const survivor = await startInstance('survivor', { ...common, upstream: healthy });
    try {
      // The victim's requests hang upstream: their holds fill the fleet's budget.
      const stuck = Array.from({ length: 30 }, () => status(victim.client));
      const budget = survivor.core.budget;
      // (each hold is the request's cost bound, ~$0.03: the budget is full once 0.5 - held < one bound)
      await until(
        async () => (await budget.snapshot()).reservedUsd > 0.4,
        8000,
        'the victim to hold the budget',
      );
      const held = (await budget.snapshot()).reservedUsd;
      expect(await status(survivor.client)).toBe('429 budget_exceeded');
      // Held beyond the TTL while the victim lives (it renews its holds).
      await sleep(2000);
      expect((await budget.snapshot()).reservedUsd).toBeCloseTo(held, 9);

      victim.child.kill('SIGKILL');
      const results = await Promise.all(stuck);
      expect(results.every((r) => r !== 200)).toBe(true); // connections dropped with the process
      await until(
        async () => (await budget.snapshot()).reservedUsd === 0,
        10_000,
        "the victim's holds to expire",
      );
      for (let i = 0; i < 5; i++) expect(await status(survivor.client)).toBe(200);
      const snap = await budget.snapshot();
      expect(snap.spendUsd).toBeCloseTo(5 * 0.02, 9); // the dead holds cost nothing
    } finally {
      victim.child.kill('SIGKILL');
      await survivor.stop();
      await hanging.close();
      await healthy.close();
    }
  }, 90_000);
});

describe('breakers across the fleet', () => {
  let upstream: FakeUpstream;
  const fleet: Instance[] = [];
  beforeAll(async () => {
    upstream = await FakeUpstream.start('openai', 'flaky');
  });
  afterAll(async () => {
    for (const i of fleet) await i.stop();
    await upstream.close();
  });

  it('opened by failures on A, skipped by B; reset on B closes it on A, recorded once in B', async () => {
    const setup = { redisUrl: redis.url, namespace: 'fleet-breakers', dailyLimitUsd: 100, upstream };
    const a = await startInstance('gw-a', setup);
    const b = await startInstance('gw-b', setup);
    fleet.push(a, b);
    // Breaker transitions made by A reach B's console push events (through RedisBreakers.onTransition).
    let seenOnB = 0;
    toConsoleCore(b.core, null, 'console:bob').onChange(() => (seenOnB += 1));

    upstream.always({ kind: 'status', status: 500, message: 'upstream down' });
    expect(await status(a.client)).toBe('502 upstream_error');
    expect(await status(a.client)).toBe('502 upstream_error'); // failureThreshold 2: open
    expect(a.core.breakers.snapshot('flaky').state).toBe('open');
    await until(() => b.core.breakers.snapshot('flaky').state === 'open', 2000, 'B to see the breaker open');
    expect(seenOnB).toBeGreaterThan(0);

    const calls = upstream.count;
    expect(await status(b.client)).toBe('503 no_provider_available');
    expect(upstream.count).toBe(calls); // B skipped it: no call upstream

    upstream.always({ kind: 'ok' });
    const console = toConsoleCore(b.core, null, 'console:bob');
    const after = await console.resetBreaker('flaky', 'upstream fixed');
    expect(after.state).toBe('closed');
    await until(() => a.core.breakers.snapshot('flaky').state === 'closed', 2000, 'A to see the reset');
    expect(await status(a.client)).toBe(200);

    for (const i of fleet) expect(await i.stop()).toBe(0);
    fleet.length = 0;
    const [ledgerA, ledgerB] = await Promise.all([ledgerEntries(a.ledgerPath), ledgerEntries(b.ledgerPath)]);
    const resets = ledgerB.filter((e) => e.decision === 'RESET');
    expect(resets).toHaveLength(1);
    expect(resets[0].metrics).toMatchObject({
      provider: 'flaky',
      who: 'console:bob',
      why: 'upstream fixed',
      previous_state: 'open',
      instance: 'gw-b',
    });
    expect(ledgerA.filter((e) => e.decision === 'RESET')).toHaveLength(0);
  }, 60_000);
});
