// Recent spend and cache samples for the charts (budget:history, cache:history): bounded ring
// buffers, at most one sample per `minIntervalMs`, the oldest dropped first.
import type { CachePoint, SpendPoint } from '../../shared/ipc/contract';
import type { BudgetSnapshot, CacheStats } from '../../shared/domain';

export interface MetricsHistoryOptions {
  /** Default 2880 points (24 h at one sample per 30 s). */
  maxPoints?: number;
  /** Default 30 s: samples closer together replace the previous one. */
  minIntervalMs?: number;
}

export class MetricsHistory {
  private readonly spend: SpendPoint[] = [];
  private readonly cache: CachePoint[] = [];
  private readonly maxPoints: number;
  private readonly minIntervalMs: number;

  constructor(options: MetricsHistoryOptions = {}) {
    this.maxPoints = options.maxPoints ?? 2880;
    this.minIntervalMs = options.minIntervalMs ?? 30_000;
  }

  record(at: number, budget: BudgetSnapshot | null, cache: CacheStats | null): void {
    if (budget !== null) this.push(this.spend, { at, spendUsd: budget.spendUsd });
    if (cache !== null)
      this.push(this.cache, {
        at,
        hitRate: cache.hits + cache.misses === 0 ? null : cache.hitRate,
        entries: cache.entries,
        bytes: cache.bytes,
      });
  }

  spendHistory(): SpendPoint[] {
    return this.spend.map((p) => ({ ...p }));
  }

  cacheHistory(): CachePoint[] {
    return this.cache.map((p) => ({ ...p }));
  }

  private push<P extends { at: number }>(list: P[], point: P): void {
    const last = list.at(-1);
    // Within the interval the newest value replaces the last one (keeping the anchor's time),
    // so a burst leaves one point with its final value.
    if (last !== undefined && list.length >= 2 && point.at - (list.at(-2)?.at ?? 0) < this.minIntervalMs) {
      list[list.length - 1] = point;
      return;
    }
    if (last !== undefined && point.at < last.at) return;
    list.push(point);
    if (list.length > this.maxPoints) list.splice(0, list.length - this.maxPoints);
  }
}
