// The daily limits both budgets (local and Redis) take from their options, checked in one place,
// and the one rule that places a day's spend against them.
import { describe, expect, it } from 'vitest';
import { checkedLimits, limitStatus } from '../../../electron/core/budget/limit-status';
import type { BudgetOptions } from '../../../electron/core/budget/budget-types';

describe('checkedLimits', () => {
  it('fills the defaults: UTC, 95 % soft, 100 % hard, refuse', () => {
    expect(checkedLimits({ dailyLimitUsd: 2.5 })).toEqual({
      limitMicro: 2_500_000,
      timeZone: 'UTC',
      softLimitPct: 95,
      hardLimitPct: 100,
      softLimitMode: 'refuse',
    });
  });

  it('each bad option gets a RangeError that names it', () => {
    const bad =
      (o: Partial<BudgetOptions>): (() => unknown) =>
      () =>
        checkedLimits({ dailyLimitUsd: 1, ...o });
    expect(bad({ dailyLimitUsd: 0 })).toThrow(/dailyLimitUsd must be positive/);
    expect(bad({ softLimitPct: 101 })).toThrow(/softLimitPct/);
    expect(bad({ softLimitPct: 99, hardLimitPct: 90 })).toThrow(
      /softLimitPct \(99\) must not be above hardLimitPct \(90\)/,
    );
    expect(bad({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    // A null mode (from JSON) is refused, not taken for "absent": the Redis budget once took it so.
    expect(bad({ softLimitMode: null as unknown as 'warn' })).toThrow(
      /softLimitMode must be "refuse" or "warn", got null/,
    );
    expect(bad({ softLimitMode: 'maybe' as unknown as 'warn' })).toThrow(/got "maybe"/);
  });
});

describe('limitStatus', () => {
  it('is HARD at or over the hard limit, SOFT at or over the soft one, else OK', () => {
    expect(limitStatus(949_999, 1_000_000, 95, 100)).toBe('OK');
    expect(limitStatus(950_000, 1_000_000, 95, 100)).toBe('SOFT_LIMIT_EXCEEDED');
    expect(limitStatus(1_000_000, 1_000_000, 95, 100)).toBe('HARD_LIMIT_EXCEEDED');
  });
});
