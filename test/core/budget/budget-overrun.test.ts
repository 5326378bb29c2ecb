// A settle above its hold (issue 13.0): the provider reported more than the reservation bounded.
// The real cost counts in full (spend says what was billed), the admission check that follows
// sees it (settled + reserved against the hard limit, checked and held in one synchronous step),
// and the overrun is kept for the snapshot the console alerts on.
import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../electron/core/budget/budget';
import { held, refusal } from '../../helpers/reservation';
import { ManualClock } from '../../../electron/core/model/clock';

describe('BudgetTracker: a settle above its hold', () => {
  it('counts the real cost, and from then on refuses every reservation as HARD', () => {
    const t = new BudgetTracker({ dailyLimitUsd: 0.1 });
    const other = held(t.reserve(0.02)); // another request still in flight
    held(t.reserve(0.0045)).settle(50.0006, 1_000_012, 'liar', 'm');
    expect(t.snapshot()).toMatchObject({
      spendUsd: 50.0006,
      reservedUsd: 0.02,
      status: 'HARD_LIMIT_EXCEEDED',
    });
    expect(refusal(t.reserve(0)).reason).toBe('HARD_LIMIT_EXCEEDED');
    expect(refusal(t.reserve(0.000001)).detail).toMatch(/spend \$50\.0006 \+ reserved \$0\.02/);
    other.settle(0.001, 20, 'p', 'm');
    expect(t.check()).toMatchObject({ allowed: false, reason: 'HARD_LIMIT_EXCEEDED' });
  });

  it('keeps the overruns for the snapshot (none at start), and tells listeners', () => {
    const clock = new ManualClock('2026-12-02T10:00:00Z');
    const t = new BudgetTracker({ dailyLimitUsd: 1, clock });
    expect(t.snapshot().overruns).toEqual({ count: 0, last: null });
    let changes = 0;
    t.onChange(() => (changes += 1));
    const o = {
      decisionId: 'd-1',
      provider: 'liar',
      model: 'm',
      reservedUsd: 0.0045,
      actualUsd: 50,
      reservedTokens: 90,
      actualTokens: 1_000_012,
      exceeded: ['completion tokens 1000000 > 10 reserved', 'cost $50.000000 > $0.004500 held'],
    };
    t.noteOverrun(o);
    clock.advance(1000);
    t.noteOverrun({ ...o, decisionId: 'd-2' });
    expect(changes).toBe(2);
    expect(t.snapshot().overruns).toEqual({
      count: 2,
      last: { ...o, decisionId: 'd-2', at: Date.parse('2026-12-02T10:00:01Z') },
    });
  });
});
