import { describe, expect, it } from 'vitest';
import type { BudgetSnapshot, CacheStats } from '../../shared/domain';
import { MetricsHistory } from '../../electron/app/metrics-history';

const budget = (spendUsd: number) => ({ spendUsd }) as BudgetSnapshot;
const cache = (hitRate: number) => ({ hitRate, hits: 1, misses: 1, entries: 1, bytes: 2 }) as CacheStats;

describe('MetricsHistory', () => {
  it('keeps about one point per interval and always the latest value', () => {
    const h = new MetricsHistory({ minIntervalMs: 30_000 });
    for (let s = 0; s <= 120; s++) h.record(s * 1000, budget(s), cache(s / 200));
    const points = h.spendHistory();
    expect(points.at(-1)).toEqual({ at: 120_000, spendUsd: 120 });
    expect(points.length).toBeGreaterThanOrEqual(4);
    expect(points.length).toBeLessThanOrEqual(7);
    for (let i = 2; i < points.length; i++)
      expect(points[i]!.at - points[i - 2]!.at).toBeGreaterThanOrEqual(30_000);
    expect(h.cacheHistory().at(-1)).toEqual({ at: 120_000, hitRate: 0.6, entries: 1, bytes: 2 });
  });

  it('has no hit rate before the first lookup (null, not 0 %)', () => {
    const h = new MetricsHistory({ minIntervalMs: 1 });
    const idle = { hitRate: 0, hits: 0, misses: 0, entries: 0, bytes: 0 } as CacheStats;
    h.record(1000, null, idle);
    h.record(2000, null, { ...idle, misses: 1 });
    h.record(3000, null, { ...idle, hits: 1, misses: 1, hitRate: 0.5 });
    expect(h.cacheHistory().map((p) => p.hitRate)).toEqual([null, 0, 0.5]);
  });

  it('is bounded', () => {
    const h = new MetricsHistory({ minIntervalMs: 1, maxPoints: 50 });
    for (let i = 0; i < 1000; i++) h.record(i * 10, budget(i), null);
    expect(h.spendHistory()).toHaveLength(50);
    expect(h.spendHistory().at(-1)?.spendUsd).toBe(999);
    expect(h.cacheHistory()).toEqual([]);
  });
});
