// What the console (handlers, live feed) needs of the router core. main.ts and `penin serve`
// adapt electron/core/core.ts's Core to this (core-adapter.ts); tests pass fakes.
import type {
  BreakerSnapshot,
  BudgetSnapshot,
  CacheStats,
  RecentRequest,
  RoutingTable,
} from '../../shared/domain';

export interface ConsoleCore {
  /** The embedded OpenAI-compatible gateway, as the renderer shows it. */
  readonly gateway: { url: string; token: string };
  budget(): BudgetSnapshot;
  breakers(): BreakerSnapshot[];
  cache(): CacheStats;
  /** Every configured provider and, per model, the providers in the order the policy tries them. */
  routing(): RoutingTable;
  /** Throws PublicError not_found for a provider that is not active, unavailable if the ledger refuses the record. */
  resetBreaker(provider: string, reason: string): BreakerSnapshot | Promise<BreakerSnapshot>;
  forceOpenBreaker(provider: string, reason: string): BreakerSnapshot | Promise<BreakerSnapshot>;
  /** Empties the response cache (recorded in the ledger with who and why). */
  clearCache(reason: string): CacheStats | Promise<CacheStats>;
  /** Calls `listener` after any change (decision, reservation, breaker transition, cache); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The live ledger's size and head, or null when there is no live ledger. */
  ledgerHead(): { entries: number; head: string } | null;
  /** The last requests the gateway recorded, newest first; `problems`: refused or failed only (recent-requests.ts). */
  recentRequests(limit?: number, problems?: boolean): RecentRequest[];
  /** How many requests were recorded since start: the live feed publishes when it moves. */
  requestsRecorded(): number;
}
