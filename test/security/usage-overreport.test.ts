// A provider that reports more usage than any bound (issue 13.0). The gateway reserves an upper
// bound of each request's cost before dispatch, but what it settles is what the provider reports,
// and a provider may lie, be misconfigured, or count differently.
//
// Attack reproduced, and the expected answer:
//   - The upstream reports 1,000,000 completion tokens for a request with max_tokens 10 (plain, and
//     streaming with the usage in the final chunk). Expected: the real cost is settled in full
//     (spend says what was billed, here past the hard limit); the ledger entry carries the
//     violation `reservation_exceeded` and metrics.reservation_exceeded with both figures
//     (reserved and actual, tokens and USD); the console raises a `bad` alert naming the provider
//     and the ledger decision; and from then on the budget refuses every request (429 hard limit)
//     without calling the upstream.
//   - Absurd usage: 9e15 completion tokens (a valid count whose cost, $450 billion, does not fit the
//     budget's exact micro-dollar arithmetic). It used to answer 500 with NO ledger entry and NO
//     spend: the provider's answer escaped the accounting, and an entry holding such a cost would
//     have stopped the next start's spend restore. Expected: served and recorded like the above,
//     the charge capped at MAX_CHARGE_USD (which closes the budget), and the entry restorable.
//   - A friendly provider that stays within the bound gets no such violation and no alert.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { AlertDetector } from '../../electron/app/alerts';
import { BudgetTracker } from '../../electron/core/budget/budget';
import { MAX_CHARGE_USD } from '../../electron/core/budget/budget-money';
import { spendOf } from '../../electron/core/budget/spend-restore';
import { createPcag } from '../../electron/ledger/pcag';
import { GENESIS_HASH } from '../../electron/ledger/types';
import { PyFloat } from '../../electron/ledger/pyfloat';
import type { DecisionData, PyJson } from '../../electron/ledger/types';
import { FakeUpstream } from '../gateway/fake-upstream';
import { costOf, MODEL, providerFor, startCore, testConfig, type Running } from '../gateway/harness';

const PRICE = { inputPerMTok: 50, outputPerMTok: 50 };
const hi = [{ role: 'user' as const, content: 'hi' }];
const LIES = { prompt: 12, completion: 1_000_000 };

let up: FakeUpstream;
let gw: Running;

beforeEach(async () => {
  up = await FakeUpstream.start('openai', 'liar');
  gw = await startCore(
    testConfig([providerFor(up, { models: [{ id: MODEL, ...PRICE }] })], { dailyLimitUsd: 0.1 }),
  );
});

afterEach(async () => {
  await gw.close();
  await up.close();
});

const num = (v: PyJson | undefined): number => (v instanceof PyFloat ? v.pyFloat : (v as number));

function excessOf(d: DecisionData): Record<string, number> {
  const e = d.metrics?.reservation_exceeded;
  if (typeof e !== 'object' || e === null || Array.isArray(e) || e instanceof PyFloat) {
    throw new Error(`no metrics.reservation_exceeded in ${JSON.stringify(d.metrics)}`);
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, num(v)]));
}

async function expectRefusedAfterwards(): Promise<void> {
  const before = up.count;
  const err = await gw.client.chat.completions.create({ model: MODEL, messages: hi, max_tokens: 10 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  expect((err as InstanceType<typeof OpenAI.RateLimitError>).message).toMatch(/hard limit/);
  expect(up.count).toBe(before);
}

function checkRecorded(d: DecisionData): void {
  expect(d.decision).toBe('ROUTE');
  expect(d.violations).toContain('reservation_exceeded');
  expect(costOf(d)).toBeCloseTo(((12 + 1_000_000) * 50) / 1e6, 9);
  const e = excessOf(d);
  expect(e.actual_prompt_tokens).toBe(12);
  expect(e.actual_completion_tokens).toBe(1_000_000);
  expect(e.actual_usd).toBeCloseTo(costOf(d), 9);
  expect(e.reserved_completion_tokens).toBe(10);
  expect(e.reserved_prompt_tokens).toBeGreaterThanOrEqual(12);
  expect(e.reserved_usd).toBeGreaterThan(0);
  expect(e.reserved_usd).toBeLessThan(0.1);
  expect(d.reason).toMatch(/exceeded the reservation/);
  // spend counts what was billed, not what was held
  expect(gw.core.budgetView.snapshot()).toMatchObject({ status: 'HARD_LIMIT_EXCEEDED', reservedUsd: 0 });
  expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(costOf(d), 6);
}

describe('a provider reporting more usage than any bound', () => {
  it('plain: recorded as reservation_exceeded with both figures, alerted, and the budget refuses from then on', async () => {
    up.script({ kind: 'ok', usage: LIES });
    const alerts = new AlertDetector();
    expect(alerts.observe(gw.core.budgetView.snapshot(), [])).toEqual([]);

    await gw.client.chat.completions.create({ model: MODEL, messages: hi, max_tokens: 10 });
    const d = gw.ledger.last();
    checkRecorded(d);

    const raised = alerts.observe(gw.core.budgetView.snapshot(), []);
    const overrun = raised.find((a) => a.topic === 'budget:reservation');
    expect(overrun).toMatchObject({
      tone: 'bad',
      title: 'Provider liar reported usage beyond its reservation',
    });
    expect(overrun?.body).toContain(String(d.decision_id));
    // It names what passed its bound (the completion, and so the cost), not the prompt, which did not.
    expect(overrun?.body).toMatch(/completion tokens 1000000 > 10 reserved; cost \$[\d.]+ > \$[\d.]+ held/);
    expect(overrun?.body).not.toMatch(/prompt tokens/);
    expect(raised.some((a) => a.tone === 'bad' && a.title === 'Hard budget limit reached')).toBe(true);

    await expectRefusedAfterwards();
  });

  it('streaming (usage in the final chunk): the same', async () => {
    up.script({ kind: 'ok', usage: LIES });
    const stream = await gw.client.chat.completions.create({
      model: MODEL,
      messages: hi,
      max_tokens: 10,
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    const d = gw.ledger.last();
    expect(d.metrics?.stream).toBe(true);
    checkRecorded(d);
    expect(gw.core.budgetView.snapshot().overruns).toMatchObject({
      count: 1,
      last: { provider: 'liar', model: MODEL, decisionId: d.decision_id, actualTokens: 1_000_012 },
    });
    await expectRefusedAfterwards();
  });

  it('absurd usage (9e15 tokens): still served, recorded and charged (capped), and the entry restores', async () => {
    const absurd = 9_000_000_000_000_000;
    up.script({ kind: 'ok', usage: { prompt: 12, completion: absurd } });
    await gw.client.chat.completions.create({ model: MODEL, messages: hi, max_tokens: 10 });
    const d = gw.ledger.last();
    expect(d.decision).toBe('ROUTE');
    expect(d.violations).toContain('reservation_exceeded');
    expect(costOf(d)).toBe(MAX_CHARGE_USD);
    expect(excessOf(d).actual_completion_tokens).toBe(absurd);
    expect(gw.core.budgetView.snapshot()).toMatchObject({
      spendUsd: MAX_CHARGE_USD,
      status: 'HARD_LIMIT_EXCEEDED',
      overruns: { count: 1 },
    });
    await expectRefusedAfterwards();

    // the next start rebuilds today's spend from this entry without failing
    const spend = spendOf(createPcag(d, GENESIS_HASH, new Date()));
    expect(spend).toMatchObject({ costUsd: MAX_CHARGE_USD, tokens: absurd + 12 });
    const restarted = new BudgetTracker({ dailyLimitUsd: 0.1 });
    restarted.restore(spend ? [spend] : []);
    expect(restarted.check()).toMatchObject({ allowed: false, reason: 'HARD_LIMIT_EXCEEDED' });
  });

  it('a provider within the bound: no violation, no overrun, no alert', async () => {
    up.script({ kind: 'ok', usage: { prompt: 12, completion: 10 } });
    const alerts = new AlertDetector();
    alerts.observe(gw.core.budgetView.snapshot(), []);
    await gw.client.chat.completions.create({ model: MODEL, messages: hi, max_tokens: 10 });
    const d = gw.ledger.last();
    expect(d.violations).toEqual([]);
    expect(d.metrics).not.toHaveProperty('reservation_exceeded');
    expect(gw.core.budgetView.snapshot().overruns).toEqual({ count: 0, last: null });
    expect(alerts.observe(gw.core.budgetView.snapshot(), [])).toEqual([]);
  });
});
