// A stand-in for the router core as the console sees it (ConsoleCore).
import type { BreakerSnapshot, BudgetSnapshot, CacheStats, RoutingTable } from '../../../shared/domain';
import type { ConsoleCore } from '../../../electron/app/console-core';
import { PublicError } from '../../../electron/ipc/public-error';
import { RecentRequests } from '../../../electron/app/recent-requests';

export function breaker(provider: string, state: BreakerSnapshot['state'] = 'closed'): BreakerSnapshot {
  return {
    provider,
    state,
    consecutiveFailures: 0,
    halfOpenSuccesses: 0,
    totalSuccesses: 0,
    totalFailures: 0,
    totalRejected: 0,
    retryAfterMs: null,
    forcedOpen: state === 'open',
    transitions: [],
    observedSince: 0,
    config: { failureThreshold: 5, timeoutMs: 60_000, successThreshold: 2, halfOpenMaxCalls: 1 },
  };
}

export class FakeCore implements ConsoleCore {
  readonly gateway = { url: 'http://127.0.0.1:8787', token: 'penin-test-token' };
  spendUsd = 0;
  hits = 0;
  at = 0;
  head: { entries: number; head: string } | null = { entries: 0, head: '0'.repeat(64) };
  breakerList: BreakerSnapshot[] = [breaker('openai'), breaker('anthropic')];
  operations: string[] = [];
  private listeners = new Set<() => void>();

  budget(): BudgetSnapshot {
    return {
      day: '2025-01-01',
      timeZone: 'UTC',
      dailyLimitUsd: 10,
      spendUsd: this.spendUsd,
      reservedUsd: 0,
      remainingUsd: 10 - this.spendUsd,
      percentUsed: this.spendUsd * 10,
      softLimitPct: 95,
      hardLimitPct: 100,
      softLimitMode: 'refuse',
      status: 'OK',
      requests: 0,
      tokens: 0,
      byProvider: {},
      byModel: {},
      projectedEndOfDayUsd: this.spendUsd * 2 + this.at,
      // Like the real one, the projection moves with the clock alone.
      projection: {
        basis: 'last_hour',
        windowStartMs: this.at - 3_600_000,
        usdPerHour: this.spendUsd,
        softLimit: { kind: 'not_today' },
        hardLimit: { kind: 'not_today' },
        dayEndMs: 86_400_000,
      },
      at: this.at++,
    };
  }
  breakers(): BreakerSnapshot[] {
    return this.breakerList.map((b) => ({ ...b }));
  }
  cache(): CacheStats {
    return {
      entries: 1,
      bytes: 10,
      maxEntries: 100,
      maxBytes: 1000,
      hits: this.hits,
      misses: 0,
      hitRate: this.hits > 0 ? 1 : 0,
      evictions: 0,
      expired: 0,
      integrityFailures: 0,
    };
  }
  routing(): RoutingTable {
    return {
      policy: 'priority',
      providers: this.breakerList.map((b, i) => ({
        name: b.provider,
        kind: 'openai',
        baseUrl: `https://${b.provider}.example/v1`,
        priority: i,
        active: true,
        note: null,
      })),
      models: [
        { id: 'm', candidates: [{ provider: 'openai', inputPerMTok: 1, outputPerMTok: 2, active: true }] },
      ],
    };
  }
  async resetBreaker(provider: string, reason: string): Promise<BreakerSnapshot> {
    this.known(provider);
    this.operations.push(`reset ${provider}: ${reason}`);
    return breaker(provider, 'closed');
  }
  async forceOpenBreaker(provider: string, reason: string): Promise<BreakerSnapshot> {
    this.known(provider);
    this.operations.push(`forceOpen ${provider}: ${reason}`);
    return breaker(provider, 'open');
  }
  /** As the real adapter answers an unknown provider (core-adapter.ts). */
  private known(provider: string): void {
    if (!this.breakerList.some((b) => b.provider === provider))
      throw new PublicError('not_found', `unknown provider "${provider}"`);
  }
  async clearCache(reason: string): Promise<CacheStats> {
    this.operations.push(`clearCache: ${reason}`);
    return { ...this.cache(), entries: 0, bytes: 0 };
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const l of this.listeners) l();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  ledgerHead(): { entries: number; head: string } | null {
    return this.head;
  }
  /** Requests as the real adapter keeps them: add decisions here, then call changed(). */
  readonly recent = new RecentRequests(5);
  recentRequests(limit?: number, problems?: boolean) {
    return this.recent.list(limit, problems);
  }
  requestsRecorded(): number {
    return this.recent.recorded;
  }
}
