// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCost,
  formatDuration,
  formatLedgerTime,
  formatSpend,
  formatUsd,
  shortHash,
} from '../../renderer/src/lib/format';
import { niceTicks } from '../../renderer/src/lib/nice-ticks';
import { timeTickFormat } from '../../renderer/src/components/chart-style';

describe('formatting', () => {
  it('shows budgets in cents and request costs to a hundredth of a cent', () => {
    expect(formatUsd(31.4)).toBe('$31.40');
    expect(formatUsd(0.42)).toBe('$0.42');
    expect(formatCost(0.00123)).toBe('$0.0012');
    expect(formatCost(2.5)).toBe('$2.50');
    expect(formatCost(null)).toBe('—');
  });

  it('shows spend under a cent to a hundredth of a cent, so a few requests never read $0.00', () => {
    expect(formatSpend(0.00042)).toBe('$0.0004');
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
