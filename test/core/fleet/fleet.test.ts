// openFleet: the config section, and one call opening the shared budget and breakers together.
import { describe, expect, it } from 'vitest';
import { fleetConfigSchema, openFleet } from '../../../electron/core/fleet/fleet';
import { until, useFleet } from '../../helpers/redis-fleet';

const fleet = useFleet();

describe('openFleet', () => {
  it('parses the fleet config section with its defaults and refuses a non-Redis URL', () => {
    const c = fleetConfigSchema.parse({ redis: 'redis://127.0.0.1:6379' });
    expect(c).toMatchObject({ namespace: 'penin', reservationTtlMs: 120_000, commandTimeoutMs: 2000 });
    expect(fleetConfigSchema.safeParse({ redis: 'http://127.0.0.1:6379' }).success).toBe(false);
    expect(fleetConfigSchema.safeParse({ redis: 'redis://x', namespace: 'a b' }).success).toBe(false);
  });

  it('two instances share one budget and one set of breakers', async () => {
    const namespace = fleet.namespace();
    const open = (instance: string) =>
      openFleet({
        ...fleetConfigSchema.parse({ redis: fleet.server().url, namespace }),
        defaultInstance: instance,
        budget: { dailyLimitUsd: 1, softLimitMode: 'warn' },
        breaker: { failureThreshold: 1 },
        providers: ['openai', 'anthropic'],
      });
    const a = await open('host-a:8787');
    const b = await open('host-b:8787');
    try {
      expect(b.breakers.list().map((x) => x.provider)).toEqual(['anthropic', 'openai']);
      const h = await a.budget.reserve(0.6, 'one');
      expect('refused' in h).toBe(false);
      expect('refused' in (await b.budget.reserve(0.6, 'two'))).toBe(true);
      if (!('refused' in h)) await h.settle(0.5, 10, 'openai', 'gpt');
      const s = await b.budget.snapshot();
      expect(s.byInstance['host-a:8787'].spendUsd).toBeCloseTo(0.5, 9);
      await b.breakers.forceOpen('anthropic', 'ops', 'drill');
      await until(() => a.breakers.snapshot('anthropic').state === 'open', 2000, 'A to see the force-open');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
