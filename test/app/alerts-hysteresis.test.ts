// Budget alerts do not flap (issue 13.4): near the soft limit the status flips with every request
// that reserves and settles, and each flip used to raise an alert (nine alternating warn/ok in two
// seconds). Upwards an alert turns at once; back down only when spend is clearly below the limit
// (a margin) for a while (a hold, on a clock the test controls), or on a new budget day. Also:
// the alert for a provider that reported more usage than its reservation held (issue 13.0).
import { describe, expect, it } from 'vitest';
import { AlertDetector } from '../../electron/app/alerts';
import { RECOVERY_HOLD_MS, RECOVERY_MARGIN_PCT } from '../../electron/app/budget-hysteresis';
import type { Alert, BudgetSnapshot, BudgetStatus, ReservationOverruns } from '../../shared/domain';

const LIMIT = 10;

/** A snapshot at `pct` percent of a $10 limit (soft 95 %, hard 100 %), status as the tracker says. */
function at(pct: number, day = '2026-11-25', overruns?: ReservationOverruns): BudgetSnapshot {
  const status: BudgetStatus = pct >= 100 ? 'HARD_LIMIT_EXCEEDED' : pct >= 95 ? 'SOFT_LIMIT_EXCEEDED' : 'OK';
  const spendUsd = (pct * LIMIT) / 100;
  return {
    day,
    timeZone: 'UTC',
    dailyLimitUsd: LIMIT,
    spendUsd,
    reservedUsd: 0,
    remainingUsd: LIMIT - spendUsd,
    percentUsed: pct,
    softLimitPct: 95,
    hardLimitPct: 100,
    softLimitMode: 'refuse',
    status,
    requests: 1,
    tokens: 1,
    byProvider: {},
    byModel: {},
    projectedEndOfDayUsd: spendUsd,
    projection: {
      basis: 'no_data',
      windowStartMs: 0,
      usdPerHour: 0,
      softLimit: { kind: 'not_today' },
      hardLimit: { kind: 'not_today' },
      dayEndMs: 86_400_000,
    },
    at: 0,
    ...(overruns ? { overruns } : {}),
  };
}

/** A detector on a clock the test moves. */
function detector(): { d: AlertDetector; advance(ms: number): void } {
  let now = 1_000_000;
  return {
    d: new AlertDetector(() => now),
    advance(ms) {
      now += ms;
    },
  };
}

const tones = (alerts: Alert[]): string[] => alerts.map((a) => `${a.tone}:${a.title}`);

describe('budget alert hysteresis', () => {
  it('snapshots flipping around the soft limit (the issue: 9 in 2 s) raise one warn alert, no ok', () => {
    const { d, advance } = detector();
    const raised: Alert[] = [...d.observe(at(90), [])];
    for (let i = 0; i < 9; i++) {
      advance(220);
      raised.push(...d.observe(at(i % 2 === 0 ? 95.3 : 94.6), []));
    }
    expect(tones(raised)).toEqual(['warn:Soft budget limit reached (95%): new requests refused']);
  });

  it('flapping for ten minutes, with dips below the limit but within the margin, stays one alert', () => {
    const { d, advance } = detector();
    const raised: Alert[] = [];
    for (let s = 0; s < 600; s++) {
      // dips to 93.5 %: below the soft limit, but not by the margin
      raised.push(...d.observe(at(s % 3 === 0 ? 93.5 : 95.1), []));
      advance(1000);
    }
    expect(raised.filter((a) => a.tone === 'warn')).toHaveLength(1);
    expect(raised.filter((a) => a.tone === 'ok')).toHaveLength(0);
  });

  it('a clear drop that does not hold raises nothing, and the next crossing nothing either', () => {
    const { d, advance } = detector();
    expect(d.observe(at(96), [])).toHaveLength(1);
    for (let s = 0; s < RECOVERY_HOLD_MS / 1000 - 1; s++) {
      advance(1000);
      expect(d.observe(at(90), [])).toEqual([]);
    }
    advance(1000);
    expect(d.observe(at(95.5), [])).toEqual([]); // back up before the hold elapsed
    advance(RECOVERY_HOLD_MS);
    expect(d.observe(at(90), [])).toEqual([]); // the hold starts over
  });

  it('a real recovery (clearly below, held) raises the ok alert; crossing again warns again', () => {
    const { d, advance } = detector();
    d.observe(at(96), []);
    expect(d.observe(at(95 - RECOVERY_MARGIN_PCT - 0.5), [])).toEqual([]);
    advance(RECOVERY_HOLD_MS);
    const [ok] = d.observe(at(92), []);
    expect(ok).toMatchObject({ tone: 'ok', topic: 'budget', title: 'Budget back within limits' });
    advance(1000);
    expect(tones(d.observe(at(95.2), []))).toEqual([
      'warn:Soft budget limit reached (95%): new requests refused',
    ]);
  });

  it('a new budget day turns the alert back at once', () => {
    const { d, advance } = detector();
    d.observe(at(97), []);
    advance(10);
    const [ok] = d.observe(at(0, '2026-11-26'), []);
    expect(ok).toMatchObject({ tone: 'ok', title: 'New budget day: 2026-11-26' });
  });

  it('the hard limit is announced at once while soft flaps, and hard/soft flapping stays one alert', () => {
    const { d, advance } = detector();
    const raised: Alert[] = [];
    for (const pct of [94, 95.5, 94.5, 100, 99.5, 100, 99, 100]) {
      raised.push(...d.observe(at(pct), []));
      advance(300);
    }
    expect(raised.map((a) => a.tone)).toEqual(['warn', 'bad']);
    // recovering from hard to just under it (within the margin) announces nothing...
    advance(RECOVERY_HOLD_MS);
    expect(d.observe(at(99), [])).toEqual([]);
  });
});

describe('reservation overrun alert', () => {
  const overrun = (count: number): ReservationOverruns => ({
    count,
    last: {
      at: 5,
      decisionId: 'd-123',
      provider: 'fake',
      model: 'test-model',
      reservedUsd: 0.0045,
      actualUsd: 50.0006,
      reservedTokens: 90,
      actualTokens: 1_000_012,
      exceeded: ['completion tokens 1000000 > 10 reserved', 'cost $50.000600 > $0.004500 held'],
    },
  });

  it('raises one bad alert per new overrun, with both figures and the ledger decision', () => {
    const { d } = detector();
    expect(d.observe(at(10, undefined, { count: 0, last: null }), [])).toEqual([]);
    const [a] = d.observe(at(10, undefined, overrun(1)), []);
    expect(a).toMatchObject({ tone: 'bad', topic: 'budget:reservation', screen: 'spend' });
    expect(a.title).toBe('Provider fake reported usage beyond its reservation');
    expect(a.body).toContain('completion tokens 1000000 > 10 reserved; cost $50.000600 > $0.004500 held');
    expect(a.body).toContain('1000012 tokens ($50.000600) against 90 tokens ($0.004500) held');
    expect(a.body).toContain('d-123');
    expect(d.observe(at(10, undefined, overrun(1)), [])).toEqual([]);
    const [b] = d.observe(at(10, undefined, overrun(3)), []);
    expect(b.body).toContain('2 such requests');
  });
});

describe('reservation overrun alert, one part over', () => {
  it('names only the figure that went past its bound, never "more" of a smaller total (demo: 31 vs 83 tokens)', () => {
    const { d } = detector();
    d.observe(at(10, undefined, { count: 0, last: null }), []);
    const last = {
      at: 5,
      decisionId: 'd-9',
      provider: 'sim-openai',
      model: 'sim-gpt-mini',
      reservedUsd: 0.000013,
      actualUsd: 0.000006,
      reservedTokens: 83,
      actualTokens: 31,
      exceeded: ['completion tokens 21 > 16 reserved'],
    };
    const [a] = d.observe(at(10, undefined, { count: 1, last }), []);
    expect(a.title).toBe('Provider sim-openai reported usage beyond its reservation');
    expect(a.body).toMatch(/^sim-gpt-mini: completion tokens 21 > 16 reserved\. In all 31 tokens/);
    expect(a.body).not.toMatch(/more than/);
  });
});
