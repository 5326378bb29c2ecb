import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../electron/core/budget/budget';
import { held, refusal } from '../../helpers/reservation';
import { dayBounds, dayKey } from '../../../electron/core/budget/budget-day';
import { assertTimeZone } from '../../../electron/core/config/time-zone';
import { ManualClock } from '../../../electron/core/model/clock';

const HOUR = 3_600_000;

describe('BudgetTracker: the seed tests', () => {
  it('initialises with the limit and no spend', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    expect(t.dailyLimitUsd).toBe(100);
    expect(t.getUsage().currentSpendUsd).toBe(0);
  });

  it('allows spend below the soft limit, remaining exactly 90%', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(10, 1000);
    expect(t.check()).toEqual({ allowed: true, remainingPct: 90, reason: 'OK' });
  });

  it('refuses past the soft limit', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(96, 10000);
    const c = t.check();
    expect(c.allowed).toBe(false);
    expect(c.remainingPct).toBeLessThan(5);
    expect(c.reason).toBe('SOFT_LIMIT_EXCEEDED');
  });

  it('refuses at the hard limit with exactly 0% remaining', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(100, 20000);
    expect(t.check()).toEqual({ allowed: false, remainingPct: 0, reason: 'HARD_LIMIT_EXCEEDED' });
  });

  it('reports usage metrics', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(25, 5000);
    t.recordUsage(25, 5000);
    const u = t.getUsage();
    expect(u.currentSpendUsd).toBe(50);
    expect(u.requestsCount).toBe(2);
    expect(u.tokensUsed).toBe(10000);
    expect(u.percentUsed).toBe(50);
    expect(u.remainingUsd).toBe(50);
  });
});

describe('BudgetTracker: limits and arithmetic', () => {
  it('treats exactly 95% as soft and just under as OK (>= as in the seed)', () => {
    const at95 = new BudgetTracker({ dailyLimitUsd: 100 });
    at95.recordUsage(95);
    expect(at95.check().reason).toBe('SOFT_LIMIT_EXCEEDED');
    const under = new BudgetTracker({ dailyLimitUsd: 100 });
    under.recordUsage(94.999999);
    expect(under.check().reason).toBe('OK');
  });

  it('sums cents without float drift', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 1 });
    t.recordUsage(0.1);
    t.recordUsage(0.2);
    expect(t.getUsage().currentSpendUsd).toBe(0.3);
    for (let i = 0; i < 7; i++) t.recordUsage(0.1);
    // Naive float addition gives 0.9999999999999999 here and would still say SOFT.
    expect(t.getUsage().currentSpendUsd).toBe(1);
    expect(t.check()).toEqual({ allowed: false, remainingPct: 0, reason: 'HARD_LIMIT_EXCEEDED' });
    const sevens = new BudgetTracker({ dailyLimitUsd: 7 });
    for (let i = 0; i < 100; i++) sevens.recordUsage(0.07);
    expect(sevens.getUsage()).toMatchObject({ currentSpendUsd: 7, percentUsed: 100, remainingUsd: 0 });
  });

  it('honours custom soft and hard percentages', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10, softLimitPct: 80, hardLimitPct: 90 });
    t.recordUsage(8);
    expect(t.check().reason).toBe('SOFT_LIMIT_EXCEEDED');
    t.recordUsage(1);
    expect(t.check().reason).toBe('HARD_LIMIT_EXCEEDED');
  });

  it('gives each kind of bad option a clear error', () => {
    expect(() => new BudgetTracker({ dailyLimitUsd: 0 })).toThrow(/dailyLimitUsd must be positive/);
    expect(() => new BudgetTracker({ dailyLimitUsd: -5 })).toThrow(/dailyLimitUsd must not be negative/);
    expect(() => new BudgetTracker({ dailyLimitUsd: Number.NaN })).toThrow(
      /dailyLimitUsd must be a finite number/,
    );
    expect(() => new BudgetTracker({ dailyLimitUsd: Infinity })).toThrow(
      /dailyLimitUsd must be a finite number/,
    );
    expect(() => new BudgetTracker({ dailyLimitUsd: 1, timeZone: 'Mars/Olympus' })).toThrow(
      /invalid time zone "Mars\/Olympus"/,
    );
    expect(() => new BudgetTracker({ dailyLimitUsd: 1, timeZone: '' })).toThrow(/invalid time zone/);
    expect(() => new BudgetTracker({ dailyLimitUsd: 1, softLimitPct: 0 })).toThrow(
      /softLimitPct must be a positive/,
    );
    expect(() => new BudgetTracker({ dailyLimitUsd: 1, hardLimitPct: Number.NaN })).toThrow(
      /hardLimitPct must be a positive/,
    );
    expect(() => new BudgetTracker({ dailyLimitUsd: 1, softLimitPct: 100, hardLimitPct: 90 })).toThrow(
      /softLimitPct \(100\) must not be above hardLimitPct \(90\)/,
    );
  });

  it('rejects bad usage records and leaves the spend untouched', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10 });
    t.recordUsage(1, 10, 'openai', 'gpt');
    expect(() => t.recordUsage(-0.01)).toThrow(/cost must not be negative/);
    expect(() => t.recordUsage(Number.NaN)).toThrow(/cost must be a finite number/);
    expect(() => t.recordUsage(Infinity)).toThrow(/cost must be a finite number/);
    expect(() => t.recordUsage(1, -1)).toThrow(/tokens must be a non-negative integer/);
    expect(() => t.recordUsage(1, 1.5)).toThrow(/tokens must be a non-negative integer/);
    expect(() => t.recordUsage(1, 1, '')).toThrow(/provider must be a non-empty string/);
    expect(() => t.recordUsage(1, 1, 'openai', ' ')).toThrow(/model must be a non-empty string/);
    expect(t.getUsage()).toMatchObject({ currentSpendUsd: 1, requestsCount: 1, tokensUsed: 10 });
  });
});

describe('BudgetTracker: reservations', () => {
  it('holds the worst case until settled, then counts the actual cost', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10 });
    const r = held(t.reserve(2));
    expect(r.amountUsd).toBe(2);
    expect(t.check().remainingPct).toBe(80);
    expect(t.snapshot()).toMatchObject({
      spendUsd: 0,
      reservedUsd: 2,
      requests: 0,
      remainingUsd: 8,
      percentUsed: 20,
    });
    r.settle(0.5, 1234, 'anthropic', 'claude');
    expect(t.snapshot()).toMatchObject({ spendUsd: 0.5, reservedUsd: 0, requests: 1, tokens: 1234 });
    expect(t.snapshot().byProvider).toEqual({ anthropic: { spendUsd: 0.5, requests: 1, tokens: 1234 } });
    expect(t.snapshot().byModel).toEqual({ claude: { spendUsd: 0.5, requests: 1, tokens: 1234 } });
  });

  it('spends nothing on release, and a second settle or release does nothing', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10 });
    const a = held(t.reserve(3));
    a.release();
    a.release();
    a.settle(3, 1, 'p', 'm');
    const b = held(t.reserve(1));
    b.settle(0.25, 10, 'p', 'm');
    b.settle(0.25, 10, 'p', 'm');
    b.release();
    expect(b.id).not.toBe(a.id);
    expect(t.snapshot()).toMatchObject({ spendUsd: 0.25, reservedUsd: 0, requests: 1, tokens: 10 });
  });

  it('rejects a bad settle and keeps the hold so it can be settled properly', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10 });
    const r = held(t.reserve(1));
    expect(() => r.settle(Number.NaN, 1, 'p', 'm')).toThrow(/actual cost must be a finite number/);
    expect(() => r.settle(0.5, -3, 'p', 'm')).toThrow(/tokens/);
    expect(() => r.settle(0.5, 3, '', 'm')).toThrow(/provider/);
    expect(t.snapshot().reservedUsd).toBe(1);
    r.settle(0.5, 3, 'p', 'm');
    expect(t.snapshot()).toMatchObject({ spendUsd: 0.5, reservedUsd: 0 });
  });

  it('rejects a bad worst case', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 10 });
    expect(() => t.reserve(-1)).toThrow(/worst-case cost must not be negative/);
    expect(() => t.reserve(Number.NaN)).toThrow(/worst-case cost must be a finite number/);
  });

  it('refuses SOFT once settled + reserved reach the soft limit', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(90);
    held(t.reserve(5));
    const r = refusal(t.reserve(0.01));
    expect(r.reason).toBe('SOFT_LIMIT_EXCEEDED');
    expect(r.remainingPct).toBe(5);
    expect(r.detail).toMatch(/spend \$90\.00 \+ reserved \$5\.00 is 95\.00% .* soft limit of 95%/);
  });

  it('refuses HARD when the worst case would exceed the hard limit, but allows landing on it', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(90);
    const r = refusal(t.reserve(10.01));
    expect(r.reason).toBe('HARD_LIMIT_EXCEEDED');
    expect(r.detail).toMatch(/would exceed the hard limit/);
    expect(t.snapshot().reservedUsd).toBe(0);
    held(t.reserve(10));
  });

  it('refuses HARD (as check() says) when already over the hard limit', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 1 });
    t.recordUsage(1.5);
    expect(refusal(t.reserve(0)).reason).toBe('HARD_LIMIT_EXCEEDED');
    expect(t.check().remainingPct).toBe(-50);
  });

  it('never lets 200 concurrent $0.01 reservations push settled spend past $1', async () => {
    // $0.955 settled: four $0.01 holds fit (to $0.995), a fifth would exceed $1 and must be refused.
    const t = new BudgetTracker({ dailyLimitUsd: 1, softLimitPct: 100 });
    for (let i = 0; i < 191; i++) t.recordUsage(0.005, 1, 'seed', 'seed');
    let peak = 0;
    t.onChange(() => {
      peak = Math.max(peak, t.getUsage().currentSpendUsd);
    });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        for (let k = 0; k < i % 5; k++) await Promise.resolve();
        const r = t.reserve(0.01);
        if ('refused' in r) return r.detail.includes('would exceed') ? 'would exceed' : r.reason;
        for (let k = 0; k < i % 3; k++) await Promise.resolve();
        r.settle(0.01, 10, 'openai', 'gpt');
        return 'settled';
      }),
    );
    expect(outcomes.filter((o) => o === 'settled')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'would exceed')).toHaveLength(196);
    expect(peak).toBe(0.995);
    expect(t.snapshot()).toMatchObject({ spendUsd: 0.995, reservedUsd: 0, requests: 195, status: 'OK' });
  });

  it('keeps settled + reserved within the hard limit under any interleaving', async () => {
    const plan = fc.record({
      worstMicro: fc.integer({ min: 1, max: 50_000 }),
      spentPct: fc.integer({ min: 0, max: 100 }),
      release: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(plan, { minLength: 200, maxLength: 200 }),
        async (s, plans) => {
          const t = new BudgetTracker({ dailyLimitUsd: 1, softLimitPct: 99 });
          t.recordUsage(0.9);
          let worstCommittedMicro = 0;
          t.onChange(() => {
            const snap = t.snapshot();
            worstCommittedMicro = Math.max(
              worstCommittedMicro,
              Math.round((snap.spendUsd + snap.reservedUsd) * 1e6),
            );
          });
          let expectedMicro = 900_000;
          const tasks = plans.map(async (p) => {
            await s.schedule(Promise.resolve());
            const r = t.reserve(p.worstMicro / 1e6);
            if ('refused' in r) return;
            await s.schedule(Promise.resolve());
            if (p.release) return r.release();
            const actualMicro = Math.floor((p.worstMicro * p.spentPct) / 100);
            expectedMicro += actualMicro;
            r.settle(actualMicro / 1e6, 1, 'p', 'm');
          });
          await s.waitAll();
          await Promise.all(tasks);
          const snap = t.snapshot();
          expect(worstCommittedMicro).toBeLessThanOrEqual(1_000_000);
          expect(snap.reservedUsd).toBe(0);
          expect(Math.round(snap.spendUsd * 1e6)).toBe(expectedMicro);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('budget day: calendar days in an IANA time zone', () => {
  it('names the local day and its exact bounds (UTC, Kolkata +05:30, Sao Paulo -03:00)', () => {
    const at = Date.parse('2024-06-10T01:00:00Z');
    expect(dayBounds(at, 'UTC')).toEqual({
      day: '2024-06-10',
      startMs: Date.parse('2024-06-10T00:00:00Z'),
      endMs: Date.parse('2024-06-11T00:00:00Z'),
    });
    expect(dayBounds(at, 'Asia/Kolkata')).toEqual({
      day: '2024-06-10',
      startMs: Date.parse('2024-06-09T18:30:00Z'),
      endMs: Date.parse('2024-06-10T18:30:00Z'),
    });
    expect(dayBounds(at, 'America/Sao_Paulo')).toEqual({
      day: '2024-06-09',
      startMs: Date.parse('2024-06-09T03:00:00Z'),
      endMs: Date.parse('2024-06-10T03:00:00Z'),
    });
  });

  it('handles DST days that start at 01:00 (23 h) or last 25 h (Sao Paulo 2018/2019)', () => {
    // 2018-11-04: clocks jumped from 00:00 -03 to 01:00 -02, so the day starts at 01:00 local.
    const spring = dayBounds(Date.parse('2018-11-04T12:00:00Z'), 'America/Sao_Paulo');
    expect(spring).toEqual({
      day: '2018-11-04',
      startMs: Date.parse('2018-11-04T03:00:00Z'),
      endMs: Date.parse('2018-11-05T02:00:00Z'),
    });
    expect(spring.endMs - spring.startMs).toBe(23 * HOUR);
    // 2019-02-17 00:00 -02 went back to 2019-02-16 23:00 -03: the 16th lasted 25 h.
    const autumn = dayBounds(Date.parse('2019-02-17T02:30:00Z'), 'America/Sao_Paulo');
    expect(autumn).toEqual({
      day: '2019-02-16',
      startMs: Date.parse('2019-02-16T02:00:00Z'),
      endMs: Date.parse('2019-02-17T03:00:00Z'),
    });
    expect(autumn.endMs - autumn.startMs).toBe(25 * HOUR);
  });

  it('skips a day a zone skipped (Samoa dropped 2011-12-30)', () => {
    const b = dayBounds(Date.parse('2011-12-30T09:59:00Z'), 'Pacific/Apia');
    expect(b.day).toBe('2011-12-29');
    expect(dayKey(b.endMs, 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('bounds always contain the instant and are exact to the millisecond', () => {
    const zones = [
      'UTC',
      'America/Sao_Paulo',
      'Asia/Kolkata',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-01-01') }),
        fc.constantFrom(...zones),
        (t, tz) => {
          const b = dayBounds(t, tz);
          expect(b.startMs).toBeLessThanOrEqual(t);
          expect(b.endMs).toBeGreaterThan(t);
          expect(dayKey(b.startMs, tz)).toBe(b.day);
          expect(dayKey(b.endMs - 1, tz)).toBe(b.day);
          expect(dayKey(b.startMs - 1, tz) < b.day).toBe(true);
          expect(dayKey(b.endMs, tz) > b.day).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects unknown zones and invalid instants', () => {
    expect(assertTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(() => assertTimeZone('Nowhere/Special')).toThrow(/invalid time zone "Nowhere\/Special"/);
    expect(() => dayKey(Number.NaN, 'UTC')).toThrow(/not a valid instant/);
  });
});

describe('BudgetTracker: daily reset at local midnight', () => {
  it('resets at UTC midnight by default', () => {
    const clock = new ManualClock('2024-06-10T23:59:59.999Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.recordUsage(4, 100);
    expect(t.snapshot()).toMatchObject({ day: '2024-06-10', timeZone: 'UTC', spendUsd: 4 });
    clock.advance(1);
    expect(t.getUsage()).toMatchObject({
      currentSpendUsd: 0,
      requestsCount: 0,
      tokensUsed: 0,
      lastReset: Date.parse('2024-06-11T00:00:00Z'),
    });
    expect(t.snapshot().day).toBe('2024-06-11');
  });

  it('resets at Sao Paulo midnight (03:00Z), not at UTC midnight', () => {
    const clock = new ManualClock('2024-06-09T23:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, timeZone: 'America/Sao_Paulo', clock });
    t.recordUsage(9.5);
    clock.set('2024-06-10T02:59:59.999Z');
    expect(t.check().reason).toBe('SOFT_LIMIT_EXCEEDED');
    clock.advance(1);
    expect(t.check()).toEqual({ allowed: true, remainingPct: 100, reason: 'OK' });
    expect(t.snapshot().day).toBe('2024-06-10');
  });

  it('resets at Kolkata midnight (18:30Z)', () => {
    const clock = new ManualClock('2024-01-01T18:29:59.999Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, timeZone: 'Asia/Kolkata', clock });
    t.recordUsage(3);
    expect(t.snapshot()).toMatchObject({ day: '2024-01-01', spendUsd: 3 });
    clock.advance(1);
    expect(t.snapshot()).toMatchObject({ day: '2024-01-02', spendUsd: 0 });
  });

  it('counts the repeated DST hour in the same day (Sao Paulo 2019-02-16 23:30, second time)', () => {
    const clock = new ManualClock('2019-02-17T01:30:00Z'); // 23:30 -02
    const t = new BudgetTracker({ dailyLimitUsd: 10, timeZone: 'America/Sao_Paulo', clock });
    t.recordUsage(1);
    clock.set('2019-02-17T02:30:00Z'); // 23:30 -03, the same wall time again
    t.recordUsage(1);
    expect(t.snapshot()).toMatchObject({ day: '2019-02-16', spendUsd: 2 });
    clock.set('2019-02-17T03:00:00Z');
    expect(t.snapshot()).toMatchObject({ day: '2019-02-17', spendUsd: 0 });
  });

  it('keeps spend when the clock steps backwards', () => {
    const clock = new ManualClock('2024-06-10T00:00:05Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.recordUsage(2);
    clock.advance(-60_000);
    expect(t.snapshot()).toMatchObject({ day: '2024-06-10', spendUsd: 2 });
  });

  it('counts a reservation made yesterday and settled today in today', () => {
    const clock = new ManualClock('2024-06-10T23:59:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 10, clock });
    t.recordUsage(9);
    const r = held(t.reserve(0.5));
    clock.set('2024-06-11T00:01:00Z');
    expect(t.snapshot()).toMatchObject({ day: '2024-06-11', spendUsd: 0, reservedUsd: 0.5 });
    r.settle(0.4, 40, 'openai', 'gpt');
    expect(t.snapshot()).toMatchObject({ spendUsd: 0.4, reservedUsd: 0, requests: 1, tokens: 40 });
  });
});

describe('BudgetTracker: snapshot, restore and change events', () => {
  it('fills provider and model buckets, with "unknown" for unlabelled records', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(1, 10, 'openai', 'gpt-4o');
    t.recordUsage(2, 20, 'openai', 'gpt-4o-mini');
    t.recordUsage(3, 30);
    const s = t.snapshot();
    expect(s.byProvider).toEqual({
      openai: { spendUsd: 3, requests: 2, tokens: 30 },
      unknown: { spendUsd: 3, requests: 1, tokens: 30 },
    });
    expect(s.byModel).toEqual({
      'gpt-4o': { spendUsd: 1, requests: 1, tokens: 10 },
      'gpt-4o-mini': { spendUsd: 2, requests: 1, tokens: 20 },
      unknown: { spendUsd: 3, requests: 1, tokens: 30 },
    });
    expect(s).toMatchObject({
      softLimitPct: 95,
      hardLimitPct: 100,
      status: 'OK',
      requests: 3,
      tokens: 60,
      dailyLimitUsd: 100,
    });
  });

  it("restores only today's ledger entries, idempotently, keeping reservations", () => {
    const clock = new ManualClock('2024-06-10T12:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 100, timeZone: 'Asia/Kolkata', clock });
    const r = held(t.reserve(5));
    const entries = [
      { at: Date.parse('2024-06-09T18:29:59.999Z'), costUsd: 50, tokens: 1 }, // 2024-06-09 in Kolkata
      {
        at: Date.parse('2024-06-09T18:30:00Z'),
        costUsd: 1.25,
        tokens: 100,
        provider: 'openai',
        model: 'gpt',
      },
      {
        at: Date.parse('2024-06-10T11:00:00Z'),
        costUsd: 0.75,
        tokens: 50,
        provider: 'anthropic',
        model: 'claude',
      },
      { at: Date.parse('2024-06-10T18:30:00Z'), costUsd: 70, tokens: 1 }, // tomorrow in Kolkata
    ];
    t.restore(entries);
    t.restore(entries);
    expect(t.snapshot()).toMatchObject({ spendUsd: 2, reservedUsd: 5, requests: 2, tokens: 150 });
    expect(Object.keys(t.snapshot().byProvider).sort()).toEqual(['anthropic', 'openai']);
    r.release();
    expect(t.snapshot().reservedUsd).toBe(0);
  });

  it('rejects a bad ledger entry, naming it, and changes nothing', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 100 });
    t.recordUsage(1);
    const now = Date.now();
    expect(() =>
      t.restore([
        { at: now, costUsd: 1, tokens: 1 },
        { at: now, costUsd: Number.NaN, tokens: 1 },
      ]),
    ).toThrow(/restore entry 1: costUsd must be a finite number/);
    expect(() => t.restore([{ at: Number.NaN, costUsd: 1, tokens: 1 }])).toThrow(
      /restore entry 0: at must be a finite epoch ms/,
    );
    expect(() => t.restore([{ at: now, costUsd: 1, tokens: -2 }])).toThrow(/restore entry 0: tokens/);
    expect(t.getUsage().currentSpendUsd).toBe(1);
  });

  it('notifies listeners after every spend or reservation change, and a throwing listener harms nothing', () => {
    const clock = new ManualClock('2024-06-10T12:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 100, clock });
    const seen: number[] = [];
    t.onChange(() => {
      throw new Error('faulty listener');
    });
    const off = t.onChange(() => seen.push(t.snapshot().spendUsd + t.snapshot().reservedUsd));
    t.recordUsage(1);
    const r = held(t.reserve(2));
    r.settle(1.5, 1, 'p', 'm');
    r.settle(1.5, 1, 'p', 'm'); // no-op: no event
    held(t.reserve(1)).release();
    t.restore([]);
    expect(seen).toEqual([1, 3, 2.5, 3.5, 2.5, 0]);
    off();
    t.recordUsage(1);
    expect(seen).toHaveLength(6);
  });
});
