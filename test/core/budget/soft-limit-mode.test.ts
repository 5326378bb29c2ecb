// The BudgetTracker's soft-limit mode: `refuse` (the seed's check_budget, the default) refuses new
// reservations from the soft limit on; `warn` admits them until the hard limit; anything else is a
// clear error. The snapshot carries the mode so the console can say which one is in force.
import { describe, expect, it } from 'vitest';
import { BudgetTracker, type BudgetRefusal, type Reservation } from '../../../electron/core/budget/budget';
import type { SoftLimitMode } from '../../../shared/domain';

const isRefusal = (r: Reservation | BudgetRefusal): r is BudgetRefusal => 'refused' in r;

describe('BudgetTracker softLimitMode', () => {
  it('refuse is the default: from exactly the soft limit, check() is false and reserve() refuses (soft)', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(95);
    expect(t.snapshot().softLimitMode).toBe('refuse');
    expect(t.check()).toEqual({ allowed: false, remainingPct: 5, reason: 'SOFT_LIMIT_EXCEEDED' });
    const r = t.reserve(0.01);
    expect(isRefusal(r) && r.reason).toBe('SOFT_LIMIT_EXCEEDED');
    expect(t.snapshot().reservedUsd).toBe(0);
  });

  it('warn: admits past the soft limit while the worst case fits under the hard limit, then refuses (hard)', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100, softLimitMode: 'warn' });
    t.recordUsage(95);
    expect(t.snapshot()).toMatchObject({ softLimitMode: 'warn', status: 'SOFT_LIMIT_EXCEEDED' });
    expect(t.check()).toEqual({ allowed: true, remainingPct: 5, reason: 'SOFT_LIMIT_EXCEEDED' });
    const a = t.reserve(4);
    if (isRefusal(a)) throw new Error(a.detail);
    a.settle(4, 10, 'p', 'm'); // $99
    const tooBig = t.reserve(1.01);
    expect(isRefusal(tooBig) && tooBig.reason).toBe('HARD_LIMIT_EXCEEDED');
    const b = t.reserve(1); // lands exactly on the hard limit
    if (isRefusal(b)) throw new Error(b.detail);
    b.settle(1, 10, 'p', 'm');
    expect(t.check()).toEqual({ allowed: false, remainingPct: 0, reason: 'HARD_LIMIT_EXCEEDED' });
    const after = t.reserve(0.000001);
    expect(isRefusal(after) && after.reason).toBe('HARD_LIMIT_EXCEEDED');
    expect(t.getUsage().currentSpendUsd).toBe(100);
  });

  it.each([['block'], ['Warn'], [''], [null], [1]])('refuses the mode %j with a clear error', (mode) => {
    expect(
      () => new BudgetTracker({ dailyLimitUsd: 1, softLimitMode: mode as unknown as SoftLimitMode }),
    ).toThrow(/softLimitMode must be "refuse" or "warn", got /);
  });
});
