// Adapts the router core (electron/core/core.ts) and the live ledger's writer to what the console
// needs (ConsoleCore). Operator actions are signed with `who`, e.g. "console:alice".
import type { WireError } from '../../shared/ipc/contract-kit';
import type { Core } from '../core/core';
import { OperatorError, type OperatorErrorCode } from '../core/model/operator-errors';
import { routingTable } from '../core/routing/routing-table';
import { PublicError } from '../ipc/public-error';
import type { ConsoleCore } from './console-core';
import { RecentRequests } from './recent-requests';

/** The part of electron/ledger/writer.ts's LedgerWriter the console reads. */
export interface LedgerHeadSource {
  readonly entries: number;
  readonly head: string;
  onAppend?(listener: () => void): () => void;
}

/** How the core's operator errors reach the console. */
const PUBLIC_CODE: Record<OperatorErrorCode, WireError['code']> = {
  unknown_provider: 'not_found',
  ledger_unavailable: 'unavailable',
  fleet_unavailable: 'unavailable',
};

export function toConsoleCore(core: Core, ledger: LedgerHeadSource | null, who: string): ConsoleCore {
  // Kept for the core's lifetime, as the core itself is.
  const recent = new RecentRequests();
  core.onDecision((d) => recent.add(d, Date.now()));
  const operate = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error: unknown) {
      if (error instanceof OperatorError) throw new PublicError(PUBLIC_CODE[error.code], error.message);
      throw error;
    }
  };
  return {
    gateway: { url: core.url, token: core.token },
    budget: () => core.budgetView.snapshot(),
    breakers: () => core.breakers.list(),
    cache: () => core.cache.stats(),
    routing: () => routingTable(core.config, core.providers),
    resetBreaker: (provider, reason) => operate(() => core.resetBreaker(provider, who, reason)),
    forceOpenBreaker: (provider, reason) => operate(() => core.forceOpenBreaker(provider, who, reason)),
    clearCache: (reason) => operate(() => core.clearCache(who, reason)),
    onChange(listener) {
      const offs = [
        core.onDecision(() => listener()),
        core.budgetView.onChange(listener),
        core.cache.onChange(listener),
        core.breakers.onTransition(() => listener()),
        ledger?.onAppend?.(() => listener()) ?? (() => undefined),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
    ledgerHead: () => (ledger === null ? null : { entries: ledger.entries, head: ledger.head }),
    recentRequests: (limit, problems) => recent.list(limit, problems),
    requestsRecorded: () => recent.recorded,
  };
}
