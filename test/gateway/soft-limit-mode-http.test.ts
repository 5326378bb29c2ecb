// What the soft limit does, as configured (`softLimitMode`): `refuse` (the seed's, the default)
// answers 429 budget_exceeded (soft) from the soft limit on; `warn` keeps routing until the hard
// limit, then 429 (hard). Any other value is a config error that says what the two values mean.
import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { ConfigError, parseConfig } from '../../electron/core/config/config';
import { defaultConfig } from '../../electron/core/config/default-config';
import { FakeUpstream } from './fake-upstream';
import { hello, MODEL, providerFor, startCore, testConfig, type Running } from './harness';

let up: FakeUpstream | null = null;
let gw: Running | null = null;

afterEach(async () => {
  await gw?.close();
  await up?.close();
  gw = null;
  up = null;
});

async function start(extra: Parameters<typeof testConfig>[1]): Promise<Running> {
  up = await FakeUpstream.start('openai', 'fake');
  gw = await startCore(testConfig([providerFor(up)], { dailyLimitUsd: 1, ...extra }));
  return gw;
}

const ask = (g: Running) =>
  g.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 5 });

async function rateLimited(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.RateLimitError>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  return err as InstanceType<typeof OpenAI.RateLimitError>;
}

describe('softLimitMode in the gateway', () => {
  it('refuse (the default): at the soft limit the gateway answers 429 budget_exceeded (soft)', async () => {
    const g = await start({});
    expect(g.core.config.softLimitMode).toBe('refuse');
    expect(g.core.budgetView.snapshot().softLimitMode).toBe('refuse');
    g.core.budget.recordUsage(0.95); // exactly 95 %
    const e = await rateLimited(ask(g));
    expect(e.code).toBe('budget_exceeded');
    expect(e.message).toMatch(/soft limit/);
    expect(up?.count).toBe(0);
    expect(g.ledger.last().violations).toEqual(['budget_soft_limit']);
  });

  it('warn: past the soft limit the gateway keeps routing, then answers 429 (hard) at the hard limit', async () => {
    // $10, so that past 95 % the request's reserved upper bound (about $0.10 here) still fits under
    // the hard limit.
    const g = await start({ softLimitMode: 'warn', dailyLimitUsd: 10 });
    g.core.budget.recordUsage(9.5); // exactly 95 %: refused in refuse mode (test above)
    const snap = g.core.budgetView.snapshot();
    expect(snap).toMatchObject({ softLimitMode: 'warn', status: 'SOFT_LIMIT_EXCEEDED' });
    // Routed: answered by the provider, recorded as ROUTE, charged (10 + 5 tokens = $0.02).
    const ok = await ask(g);
    expect(ok.choices[0].message.content).toBeTruthy();
    expect(up?.count).toBe(1);
    expect(g.ledger.last()).toMatchObject({ decision: 'ROUTE', violations: [] });
    expect(g.core.budgetView.snapshot().spendUsd).toBeCloseTo(9.52, 10);
    g.core.budget.recordUsage(0.48); // $10.00: the hard limit
    expect(g.core.budgetView.snapshot()).toMatchObject({ status: 'HARD_LIMIT_EXCEEDED' });
    const e = await rateLimited(ask(g));
    expect(e.code).toBe('budget_exceeded');
    expect(e.message).toMatch(/hard limit/);
    expect(up?.count).toBe(1);
    expect(g.ledger.last().violations).toEqual(['budget_hard_limit']);
  });
});

describe('softLimitMode in the config', () => {
  const base = { dailyLimitUsd: 5, providers: [] };

  it('defaults to refuse, also in the built-in config', () => {
    expect(parseConfig(base).softLimitMode).toBe('refuse');
    expect(defaultConfig().softLimitMode).toBe('refuse');
    expect(parseConfig({ ...base, softLimitMode: 'warn' }).softLimitMode).toBe('warn');
  });

  it.each([['block'], ['Warn'], [''], [true], [95], [null]])(
    'refuses %j with an error naming the field and both values',
    (value) => {
      let err: unknown = null;
      try {
        parseConfig({ ...base, softLimitMode: value }, 'config file x.yaml');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/^config file x\.yaml is invalid:/);
      expect(msg).toMatch(
        /softLimitMode: expected "refuse" \(429 at the soft limit, the default\) or "warn"/,
      );
    },
  );
});
