// The ports the router will call are served by today's in-memory classes as they are: checked by
// the compiler (these assignments) and at run time (plain values, no promises, on the local path).
import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../electron/core/budget/budget';
import type { BudgetPort } from '../../../electron/core/budget/budget-port';
import { RedisBudget } from '../../../electron/core/budget/redis-budget';
import { BreakerRegistry } from '../../../electron/core/breakers/breaker-registry';
import { LocalBreakers, type BreakerPort } from '../../../electron/core/breakers/breaker-port';
import { RedisBreakers } from '../../../electron/core/breakers/redis-breakers';

describe('budget and breaker ports', () => {
  it('BudgetTracker is a BudgetPort whose answers are plain values', () => {
    const port: BudgetPort = new BudgetTracker({ dailyLimitUsd: 1 });
    const held = port.reserve(0.1, 'decision-1');
    expect(held).not.toBeInstanceOf(Promise);
    if (held instanceof Promise || 'refused' in held) throw new Error('expected a hold');
    expect(held.settle(0.05, 3, 'p', 'm')).toBeUndefined();
    const snap = port.snapshot();
    expect(snap).not.toBeInstanceOf(Promise);
  });

  it('the Redis classes implement the same ports', () => {
    // Compile-time only: a RedisBudget / RedisBreakers is accepted where the port is expected.
    const budget = (b: RedisBudget): BudgetPort => b;
    const breakers = (b: RedisBreakers): BreakerPort => b;
    const local: BreakerPort = new LocalBreakers(new BreakerRegistry());
    expect([typeof budget, typeof breakers, typeof local.acquire]).toEqual([
      'function',
      'function',
      'function',
    ]);
  });
});
