// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCost,
  formatDuration,
  formatLedgerTime,
  formatPrice,
  formatSpend,
  formatUsd,
  shortHash,
} from '../../../renderer/src/lib/format';
import { niceTicks } from '../../../renderer/src/ui/charts/nice-ticks';
import { timeTickFormat } from '../../../renderer/src/ui/charts/chart-style';

describe('formatting', () => {
  it('shows budgets in cents and request costs to a hundredth of a cent', () => {
    expect(formatUsd(31.4)).toBe('$31.40');
    expect(formatUsd(0.42)).toBe('$0.42');
    expect(formatCost(0.00123)).toBe('$0.0012');
    expect(formatCost(2.5)).toBe('$2.50');
    expect(formatCost(null)).toBe('—');
  });

  it('shows a paid request with enough significant digits: never "$0.0000" or "$0.00" for money spent', () => {
    expect(formatCost(0.000012)).toBe('$0.000012');
    expect(formatCost(0.00001)).toBe('$0.000010');
    expect(formatCost(0.0000999)).toBe('$0.000100');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatSpend(0.000012)).toBe('$0.000012');
    expect(formatUsd(0.000012)).toBe('$0.000012');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-0.000012)).toBe('-$0.000012');
    // Far below anything a provider charges: still not zero.
    expect(formatCost(1e-15)).toBe('<$0.000000000001');
    expect(formatUsd(2.5e-7)).toBe('$0.00000025');
  });

  it('shows configured prices as written, at least in cents', () => {
    expect(formatPrice(0.075)).toBe('$0.075');
    expect(formatPrice(0.15)).toBe('$0.15');
    expect(formatPrice(2.5)).toBe('$2.50');
    expect(formatPrice(0.0001)).toBe('$0.0001');
    expect(formatPrice(0)).toBe('$0.00');
  });

  it('shows spend under a cent with two significant digits, so a few requests never read $0.00', () => {
    expect(formatSpend(0.00042)).toBe('$0.00042');
    expect(formatSpend(0)).toBe('$0.00');
    expect(formatSpend(0.01)).toBe('$0.01');
    expect(formatSpend(12.345)).toBe('$12.35');
    expect(formatSpend(Number.NaN)).toBe('—');
  });

  it('labels time axes with seconds over a short span, minutes over a long one', () => {
    const at = new Date(2025, 10, 25, 14, 5, 7).getTime();
    expect(timeTickFormat([{ at }, { at: at + 90_000 }])(at)).toBe('14:05:07');
    expect(timeTickFormat([{ at }, { at: at + 3_600_000 }])(at)).toBe('14:05');
    expect(timeTickFormat([{ at }])(at)).toBe('14:05:07');
  });

  it('formats bytes, durations, ledger times and hashes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3_400_000)).toBe('3.2 MiB');
    expect(formatDuration(21_000)).toBe('21s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatLedgerTime('2025-11-25T07:14:03.123456Z')).toBe('2025-11-25 07:14:03');
    // The seed's datetime.utcnow().isoformat(): UTC, no suffix, no fraction when it is zero.
    expect(formatLedgerTime('2025-11-25T07:14:03.123456')).toBe('2025-11-25 07:14:03');
    expect(formatLedgerTime('2025-11-25T07:14:03')).toBe('2025-11-25 07:14:03');
    expect(formatLedgerTime('2025-11-25T07:14:03+00:00')).toBe('2025-11-25 07:14:03');
    // Another offset is kept, since the column reads UTC.
    expect(formatLedgerTime('2025-11-25T09:14:03.5+02:00')).toBe('2025-11-25 09:14:03 +02:00');
    // Anything else is shown as it is stored.
    expect(formatLedgerTime('yesterday')).toBe('yesterday');
    expect(shortHash('a'.repeat(64), 8)).toBe('aaaaaaaa…');
    expect(shortHash(null)).toBe('—');
  });
});

describe('niceTicks', () => {
  it('gives round ticks from zero that cover the maximum', () => {
    expect(niceTicks(52.5, 5)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
