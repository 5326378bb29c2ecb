import { describe, expect, it } from 'vitest';
import { RecentRequests, recentRequestOf } from '../../electron/app/recent-requests';
import {
  cacheClearDecision,
  operatorDecision,
  routeDecision,
} from '../../electron/core/recording/ledger-record';
import { breaker, FakeCore } from '../helpers/fakes/fake-core';
import { served } from '../helpers/fakes/route-outcome';

const AT = 1_700_000_000_000;

describe('recentRequestOf: a ledger decision as the operator reads a request', () => {
  it('a request a provider served: model, provider, tokens, cost, latency, attempts', () => {
    const d = routeDecision(served(1, { stream: true }));
    expect(recentRequestOf(d, AT)).toEqual({
      decisionId: d.decision_id,
      at: AT,
      outcome: 'served',
      reason: 'served by "openai"',
      model: 'gpt-4o-mini',
      provider: 'openai',
      stream: true,
      promptTokens: 12,
      completionTokens: 30,
      costUsd: 0.00002,
      latencyMs: 43,
      attempts: 1,
      violations: [],
    });
  });

  it('a cache hit is "cached", with no attempt; a zero cost is 0, not missing', () => {
    const r = recentRequestOf(
      routeDecision(served(1, { cache: 'hit', attempts: [], costUsd: 0, reason: 'served from cache' })),
      AT,
    );
    expect(r).toMatchObject({ outcome: 'cached', attempts: 0, costUsd: 0 });
  });

  it('a budget or no-provider refusal is "refused"; a provider failure is "failed"', () => {
    const refused = served(1, {
      decision: 'BLOCK',
      reason: 'budget hard limit reached',
      provider: null,
      attempts: [],
      violations: ['budget_hard_limit'],
    });
    expect(recentRequestOf(routeDecision(refused), AT)).toMatchObject({
      outcome: 'refused',
      provider: null,
      violations: ['budget_hard_limit'],
    });
    const failed = served(1, {
      decision: 'BLOCK',
      reason: 'failed: every provider failed',
      attempts: [{ provider: 'openai', outcome: 'http_error', status: 503, latencyMs: 9 }],
      violations: ['upstream_failure'],
    });
    expect(recentRequestOf(routeDecision(failed), AT)).toMatchObject({ outcome: 'failed', attempts: 1 });
  });

  it('operator actions are not requests', () => {
    expect(
      recentRequestOf(operatorDecision('RESET', breaker('openai'), 'console:ann', 'fixed'), AT),
    ).toBeNull();
    expect(recentRequestOf(cacheClearDecision(new FakeCore().cache(), 'console:ann', 'why'), AT)).toBeNull();
  });

  it('fields of the wrong type read as missing, never as a crash (audit files and old entries)', () => {
    const r = recentRequestOf(
      {
        decision_id: 'x',
        decision: 'ROUTE',
        reason: 'r',
        metrics: { model: 5, cost_usd: 'cheap', latency_ms: Number.NaN, attempts: 'many' },
        violations: [7, 'budget_soft_limit'],
      },
      AT,
    );
    expect(r).toMatchObject({
      model: null,
      costUsd: null,
      latencyMs: null,
      attempts: 0,
      violations: ['budget_soft_limit'],
    });
  });
});

describe('RecentRequests: the last requests, newest first, bounded', () => {
  it('keeps the newest `max`, counts every request, and skips operator actions', () => {
    const recent = new RecentRequests(3);
    expect(recent.list()).toEqual([]);
    for (let i = 0; i < 5; i++) recent.add(routeDecision(served(i)), AT + i);
    recent.add(operatorDecision('RESET', breaker('openai'), 'console:ann', 'fixed'), AT + 9);
    expect(recent.list().map((r) => r.at)).toEqual([AT + 4, AT + 3, AT + 2]);
    expect(recent.list(2).map((r) => r.at)).toEqual([AT + 4, AT + 3]);
    expect(recent.recorded).toBe(5);
  });

  it('lists only the refused and failed ones when asked, up to the limit, among those kept', () => {
    const recent = new RecentRequests(4);
    const refused = {
      decision: 'BLOCK' as const,
      provider: null,
      attempts: [],
      violations: ['budget_hard_limit' as const],
    };
    const failed = { decision: 'BLOCK' as const, violations: ['upstream_failure' as const] };
    recent.add(routeDecision(served(0, refused)), AT); // pushed out by the four after it
    recent.add(routeDecision(served(1, failed)), AT + 1);
    recent.add(routeDecision(served(2)), AT + 2);
    recent.add(routeDecision(served(3, refused)), AT + 3);
    recent.add(routeDecision(served(4)), AT + 4);
    expect(recent.list(10, true).map((r) => [r.at, r.outcome])).toEqual([
      [AT + 3, 'refused'],
      [AT + 1, 'failed'],
    ]);
    expect(recent.list(1, true).map((r) => r.at)).toEqual([AT + 3]);
    expect(recent.list(10).map((r) => r.at)).toEqual([AT + 4, AT + 3, AT + 2, AT + 1]);
  });
});
