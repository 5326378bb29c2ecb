// @vitest-environment jsdom
// The budget gauge's figures add up as shown: spent + reserved + remaining = the limit, to the last
// digit displayed, however each is rounded.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetGauge } from '../../../../renderer/src/features/spend/BudgetGauge';
import { shownBudget } from '../../../../renderer/src/features/spend/budget-figures';
import { budget } from '../../helpers/fixtures';

afterEach(cleanup);

/** "$1,234.50" → 123450n at 2 decimals, scaled to `decimals`. */
function units(text: string, decimals: number): bigint {
  const m = /^(-?)\$([\d,]+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const frac = (m[3] ?? '').padEnd(decimals, '0');
  if (frac.length > decimals) throw new Error(`more than ${decimals} decimals: ${text}`);
  const v = BigInt(m[2].replace(/,/g, '') + frac);
  return m[1] ? -v : v;
}

function shownFigures() {
  const spent = document.querySelector('.gauge__spend-value')?.textContent ?? '';
  const limit =
    /spent of (\S+) daily limit/.exec(document.querySelector('.gauge__spend')?.textContent ?? '')?.[1] ?? '';
  const value = (name: string) =>
    within(screen.getByRole('group', { name })).getByText(/\$/, { selector: '.stat__value' }).textContent ??
    '';
  return { spent, limit, reserved: value('Reserved in flight'), remaining: value('Remaining') };
}

function expectAddsUp(f: { spent: string; limit: string; reserved: string; remaining: string }) {
  const d = 14;
  expect(units(f.spent, d) + units(f.reserved, d) + units(f.remaining, d)).toBe(units(f.limit, d));
}

describe('budget gauge totals', () => {
  it('spent + reserved + remaining equal the limit as shown when each would round up on its own', () => {
    // $3.336 + $3.336 + $3.328: rounded alone, $3.34 + $3.34 + $3.33 = $10.01 for a $10.00 limit.
    render(
      <BudgetGauge
        budget={{ ...budget, dailyLimitUsd: 10, spendUsd: 3.336, reservedUsd: 3.336, remainingUsd: 3.328 }}
      />,
    );
    const f = shownFigures();
    expect(f).toEqual({ spent: '$3.34', limit: '$10.00', reserved: '$3.34', remaining: '$3.32' });
    expectAddsUp(f);
  });

  it('a reservation of a fraction of a cent is shown, and still adds up', () => {
    render(
      <BudgetGauge
        budget={{
          ...budget,
          dailyLimitUsd: 10,
          spendUsd: 1.23,
          reservedUsd: 0.000012,
          remainingUsd: 8.769988,
        }}
      />,
    );
    const f = shownFigures();
    expect(f).toEqual({ spent: '$1.23', limit: '$10.00', reserved: '$0.000012', remaining: '$8.769988' });
    expectAddsUp(f);
  });

  it('past the limit, remaining is negative and still adds up (bad tone)', () => {
    render(
      <BudgetGauge
        budget={{
          ...budget,
          dailyLimitUsd: 0.1,
          spendUsd: 0.147,
          reservedUsd: 0.0049,
          remainingUsd: -0.0519,
        }}
      />,
    );
    const f = shownFigures();
    // As shown: $0.10 − $0.15 − $0.0049.
    expect(f.remaining).toBe('-$0.0549');
    expectAddsUp(f);
    expect(screen.getByRole('group', { name: 'Remaining' }).className).toContain('stat--bad');
  });

  it('adds up for many awkward amounts, large and small', () => {
    const amounts = [
      0, 0.000001, 0.0049999, 0.005, 0.0151, 0.125, 0.335, 1.005, 2.675, 33.3333, 1234.565, 99999.995,
    ];
    for (const limit of [0.1, 10, 50, 1234.56, 100000])
      for (const spent of amounts)
        for (const reserved of amounts) {
          const f = shownBudget(limit, spent, reserved);
          expectAddsUp(f);
        }
  });
});
