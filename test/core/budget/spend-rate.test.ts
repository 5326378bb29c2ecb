// The end-of-day projection from the recent spend rate (issue 13.2), on a clock the test drives:
// an app started mid-day projects from what is spent now (not today's total spread since midnight),
// names when the soft and hard limits fall at that rate, projects nothing more once spending has
// stopped for an hour, starts again at a day boundary, and keeps bounded memory at any request rate.
import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../electron/core/budget/budget';
import { held } from '../../helpers/reservation';
import { ManualClock } from '../../../electron/core/model/clock';
import { SpendRate } from '../../../electron/core/budget/spend-rate';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Requests of `each` USD started every `everyMs` for `forMs`, through the gateway's reserve/settle path. */
function spend(t: BudgetTracker, clock: ManualClock, each: number, everyMs: number, forMs: number): void {
  for (let at = 0; at < forMs; at += everyMs) {
    const r = held(t.reserve(each * 2));
    clock.advance(1000); // the provider answers a second later
    r.settle(each, 100, 'p', 'm');
    clock.advance(everyMs - 1000);
  }
}

describe('projection from the recent spend rate', () => {
  it('$3/hour for 8 minutes after a mid-day start projects ~$3/h and names the soft-limit time', () => {
    const clock = new ManualClock('2026-12-02T12:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock }); // soft $9.50, hard $10
    spend(t, clock, 0.025, 30_000, 8 * MIN); // 16 requests: $0.40 by 12:08
    const s = t.snapshot();
    expect(s.spendUsd).toBeCloseTo(0.4, 10);
    expect(s.projection.basis).toBe('since_first_request');
    expect(s.projection.windowStartMs).toBe(Date.parse('2026-12-02T12:00:00Z'));
    expect(s.projection.usdPerHour).toBeCloseTo(3, 6);
    // 0.40 + $3/h × 11 h 52 min left. The old fraction-of-day projection said 0.40 / (12h08 / 24h) = $0.79.
    expect(s.projectedEndOfDayUsd).toBeCloseTo(36, 4);
    // ($9.50 - $0.40) / $3/h = 3 h 02 min after 12:08; the hard limit ($10) 10 minutes later.
    expect(s.projection.softLimit).toEqual({ kind: 'at', at: Date.parse('2026-12-02T15:10:00Z') });
    expect(s.projection.hardLimit).toEqual({ kind: 'at', at: Date.parse('2026-12-02T15:20:00Z') });
    expect(s.projection.dayEndMs).toBe(Date.parse('2026-12-03T00:00:00Z'));
  });

  it('says "not today" for a limit the rate would reach only after the budget day ends (Kolkata, ends 18:30Z)', () => {
    const clock = new ManualClock('2026-12-02T17:00:00Z'); // 22:30 in Kolkata
    const t = new BudgetTracker({ dailyLimitUsd: 10, timeZone: 'Asia/Kolkata', clock });
    spend(t, clock, 0.025, 30_000, 8 * MIN);
    const s = t.snapshot();
    expect(s.projection.usdPerHour).toBeCloseTo(3, 6);
    expect(s.projection.softLimit).toEqual({ kind: 'not_today' });
    expect(s.projection.hardLimit).toEqual({ kind: 'not_today' });
    expect(s.projection.dayEndMs).toBe(Date.parse('2026-12-02T18:30:00Z'));
    expect(s.projectedEndOfDayUsd).toBeCloseTo(0.4 + 3 * (82 / 60), 4); // 1 h 22 min left
  });

  it('measures over the last hour once spending began more than an hour ago', () => {
    const clock = new ManualClock('2026-12-02T08:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 100, clock });
    spend(t, clock, 0.5, MIN, 60 * MIN); // $30/h from 08:00
    spend(t, clock, 0.1, MIN, 60 * MIN); // then $6/h from 09:00
    const s = t.snapshot(); // 10:00
    expect(s.projection.basis).toBe('last_hour');
    expect(s.projection.windowStartMs).toBe(Date.parse('2026-12-02T09:00:00Z'));
    expect(s.projection.usdPerHour).toBeCloseTo(6, 6);
  });

  it('projects no further growth from spend that stopped an hour ago', () => {
    const clock = new ManualClock('2026-12-02T10:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    spend(t, clock, 0.05, MIN, 30 * MIN); // $1.50 by 10:30
    clock.set('2026-12-02T11:00:00Z');
    expect(t.snapshot().projection.usdPerHour).toBeGreaterThan(0); // still within the hour
    clock.set('2026-12-02T11:31:00Z');
    const s = t.snapshot();
    expect(s.spendUsd).toBeCloseTo(1.5, 10);
    expect(s.projection).toMatchObject({ basis: 'last_hour', usdPerHour: 0 });
    expect(s.projectedEndOfDayUsd).toBeCloseTo(1.5, 10);
    expect(s.projection.softLimit).toEqual({ kind: 'not_today' });
    expect(s.projection.hardLimit).toEqual({ kind: 'not_today' });
  });

  it('starts again at a day boundary: yesterday evening\u2019s rate is not carried into the new day', () => {
    const clock = new ManualClock('2026-12-02T23:30:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    spend(t, clock, 0.05, MIN, 29 * MIN); // $6/h until 23:59
    expect(t.snapshot().projection.usdPerHour).toBeCloseTo(3, 6);
    clock.set('2026-12-03T00:05:00Z');
    const s = t.snapshot();
    expect(s).toMatchObject({ day: '2026-12-03', spendUsd: 0, projectedEndOfDayUsd: 0 });
    expect(s.projection).toMatchObject({ basis: 'no_data', usdPerHour: 0 });
    spend(t, clock, 0.01, MIN, 5 * MIN); // 00:05..00:10, $0.60/h
    const next = t.snapshot();
    expect(next.projection.basis).toBe('since_first_request');
    expect(next.projection.windowStartMs).toBe(Date.parse('2026-12-03T00:05:00Z'));
    expect(next.projection.usdPerHour).toBeCloseTo(0.6, 6);
  });

  it('says a limit already reached (settled + reserved) is reached', () => {
    const clock = new ManualClock('2026-12-02T12:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.recordUsage(9);
    held(t.reserve(0.5)); // committed $9.50: the soft limit, as status counts it
    const s = t.snapshot();
    expect(s.status).toBe('SOFT_LIMIT_EXCEEDED');
    expect(s.projection.softLimit).toEqual({ kind: 'reached' });
    expect(s.projection.hardLimit.kind).not.toBe('reached');
  });

  it('does not extrapolate one early request over a second: the window is at least a minute', () => {
    const clock = new ManualClock('2026-12-02T12:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.recordUsage(0.01);
    clock.advance(1000);
    expect(t.snapshot().projection.usdPerHour).toBeCloseTo(0.6, 9); // $0.01 a minute, not $36/h
  });

  it("after a restart, rebuilds the rate from the ledger's entries of the last hour", () => {
    const clock = new ManualClock('2026-12-02T12:00:00Z');
    const entries = Array.from({ length: 240 }, (_, i) => ({
      at: Date.parse('2026-12-02T08:00:00Z') + i * MIN, // $0.02 a minute from 08:00: $1.20/h
      costUsd: 0.02,
      tokens: 10,
    })).reverse(); // in any order
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.restore(entries);
    const s = t.snapshot();
    expect(s.spendUsd).toBeCloseTo(4.8, 9);
    expect(s.projection.basis).toBe('last_hour');
    expect(s.projection.usdPerHour).toBeCloseTo(1.2, 6);
  });
});

describe('SpendRate memory', () => {
  it('holds at most one slot a second for the last hour, whatever the request rate', () => {
    const r = new SpendRate();
    const start = Date.parse('2026-12-02T10:00:00Z');
    for (let i = 0; i < 100_000; i++) r.add(start, 1); // 100k settles in one millisecond
    expect(r.size).toBe(1);
    // 4 settles a second for 2 hours ($0.000001 each): far more than the ring holds.
    for (let ms = 0; ms < 2 * HOUR; ms += 250) r.add(start + 1000 + ms, 1);
    expect(r.size).toBeLessThanOrEqual(3600);
    const m = r.measure(start + 1000 + 2 * HOUR);
    // 4 micro-dollars a second over the hour, give or take the one slot at the window's edge.
    expect(m.microPerMs * 1000).toBeGreaterThan(3.99);
    expect(m.microPerMs * 1000).toBeLessThanOrEqual(4.0);
  });

  it('adds a settle from a clock that stepped back to the newest slot', () => {
    const r = new SpendRate();
    r.add(10_000, 5);
    r.add(4_000, 7);
    expect(r.size).toBe(1);
    // Both count, over the window since the earliest (4 s): 12 micro-dollars in its first minute.
    expect(r.measure(64_000).microPerMs * 60_000).toBeCloseTo(12, 9);
  });
});
