// The daily budget in the request path: upper-bound reservations, 429 soft/hard refusals, and
// many concurrent requests near the limit (the issue-13 case itself: hard-limit.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { FakeUpstream } from './fake-upstream';
import { costOf, hello, MODEL, providerFor, startCore, testConfig, type Running } from './harness';
import {
  FRAMING_TOKENS_PER_MESSAGE,
  FRAMING_TOKENS_PER_REQUEST,
} from '../../electron/core/budget/reservation-bound';

let up: FakeUpstream;
let gw: Running;

beforeEach(async () => {
  up = await FakeUpstream.start('openai', 'fake');
  gw = await startCore(testConfig([providerFor(up, { timeoutMs: 300 })], { dailyLimitUsd: 1 }));
});

afterEach(async () => {
  await gw.close();
  await up.close();
});

async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.RateLimitError>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  return err as InstanceType<typeof OpenAI.RateLimitError>;
}

describe('budget refusals', () => {
  it('429 budget_exceeded saying "soft" at the soft limit (95%), with a BLOCK entry, without calling the provider', async () => {
    gw.core.budget.recordUsage(0.96);
    const e = await refusal(
      gw.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 10 }),
    );
    expect(e.code).toBe('budget_exceeded');
    expect(e.message).toMatch(/soft limit/);
    expect(up.count).toBe(0);
    const d = gw.ledger.last();
    expect(d.decision).toBe('BLOCK');
    expect(d.violations).toEqual(['budget_soft_limit']);
    expect(d.gates_passed).toMatchObject({ budget: false });
  });

  it('429 budget_exceeded saying "hard" once the limit is reached', async () => {
    gw.core.budget.recordUsage(1);
    const e = await refusal(
      gw.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 10 }),
    );
    expect(e.message).toMatch(/hard limit/);
    expect(gw.ledger.last().violations).toEqual(['budget_hard_limit']);
  });

  it('429 hard when the worst case alone would pass the limit (max_tokens × the dearest candidate)', async () => {
    // 1000 completion tokens at $2000/M = $2 > $1
    const e = await refusal(
      gw.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 1000 }),
    );
    expect(e.message).toMatch(/hard limit/);
    expect(e.message).toMatch(/worst case/);
    expect(up.count).toBe(0);
  });

  it('reserves the upper bound while in flight, then settles to the real cost', async () => {
    up.script({ kind: 'hang' });
    const pending = gw.client.chat.completions
      .create({ model: MODEL, messages: hello, max_tokens: 10 })
      .catch((e: unknown) => e);
    await expect.poll(() => gw.core.budgetView.snapshot().reservedUsd).toBeGreaterThan(0);
    // "Say hello" = 9 bytes, at most 9 tokens, + the framing allowances; 10 completion tokens
    const prompt = 9 + FRAMING_TOKENS_PER_MESSAGE + FRAMING_TOKENS_PER_REQUEST;
    expect(gw.core.budgetView.snapshot().reservedUsd).toBeCloseTo((prompt * 1000 + 10 * 2000) / 1e6, 10);
    await pending; // the hang times out (300 ms), nothing is spent
    expect(gw.core.budgetView.snapshot()).toMatchObject({ reservedUsd: 0, spendUsd: 0 });
    await gw.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 10 });
    expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(0.02, 10);
  });
});

describe('concurrency near the hard limit', () => {
  it('200 concurrent requests never push spend past the limit, and each gets exactly one ledger entry', async () => {
    gw.core.budget.recordUsage(0.5); // $0.50 of $1 left; each request holds $0.109 and costs $0.02
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        gw.client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 10 }).then(
          () => 'ok' as const,
          (e: unknown) => (e instanceof OpenAI.RateLimitError ? ('429' as const) : e),
        ),
      ),
    );
    const served = results.filter((r) => r === 'ok').length;
    const refused = results.filter((r) => r === '429').length;
    expect(served + refused).toBe(200);
    expect(served).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    const snap = gw.core.budgetView.snapshot();
    expect(snap.spendUsd).toBeLessThanOrEqual(1);
    expect(snap.reservedUsd).toBe(0);
    expect(snap.spendUsd).toBeCloseTo(0.5 + served * 0.02, 9);
    expect(up.count).toBe(served);

    expect(gw.ledger.decisions.length).toBe(200);
    expect(gw.ledger.decisions.filter((d) => d.decision === 'ROUTE').length).toBe(served);
    const ledgerSpend = gw.ledger.decisions.reduce((s, d) => s + costOf(d), 0);
    expect(ledgerSpend).toBeCloseTo(served * 0.02, 9);
  });
});
