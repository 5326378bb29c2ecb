// The contract's handlers: the router core (budget, breakers, cache) plus the ledger browser's
// sessions. Plain Node, shared by the Electron main process and `penin serve`.
import type { AppInfo, Channels } from '../../shared/ipc/contract';
import type { Alert } from '../../shared/domain';
import type { Handlers } from '../../shared/ipc/contract-kit';
import { PublicError } from '../ipc/public-error';
import type { ConsoleCore } from './console-core';
import { createFleetHandlers } from './fleet/fleet-handlers';
import type { FleetRegistry } from './fleet/fleet-registry';
import type { LedgerSessions } from './ledger-sessions';
import { createLedgerProofHandlers } from './ledger-proofs';
import { LedgerSets } from './ledger-sets';
import type { MetricsHistory } from './metrics-history';

export interface ConsoleHandlersDeps {
  /** The running core, or null when it could not start (the ledger browser still works). */
  core: () => ConsoleCore | null;
  /** Why the core is not running, shown to the user when `core()` is null. */
  coreUnavailable?: () => string;
  sessions: LedgerSessions;
  history: MetricsHistory;
  /** The last alerts raised (the live feed's); empty while the core is not running. */
  alerts: () => Alert[];
  info: () => Omit<AppInfo, 'gateway'>;
  /** The remote instances attached (the Fleet screen). */
  fleet: FleetRegistry;
}

export function createConsoleHandlers(deps: ConsoleHandlersDeps): Handlers<Channels> {
  const core = (): ConsoleCore => {
    const c = deps.core();
    if (c === null) {
      throw new PublicError('unavailable', deps.coreUnavailable?.() ?? 'the router core is not running');
    }
    return c;
  };

  return {
    'app:info': () => ({ ...deps.info(), gateway: deps.core()?.gateway ?? null }),
    'budget:get': () => core().budget(),
    'budget:history': () => deps.history.spendHistory(),
    'breakers:list': () => core().breakers(),
    'breakers:reset': async ({ provider, reason }) => core().resetBreaker(provider, reason),
    'breakers:forceOpen': async ({ provider, reason }) => core().forceOpenBreaker(provider, reason),
    'cache:stats': () => core().cache(),
    'cache:history': () => deps.history.cacheHistory(),
    'cache:clear': async ({ reason }) => core().clearCache(reason),
    'routing:table': () => core().routing(),
    'requests:recent': ({ limit, problems }) => core().recentRequests(limit, problems),
    'alerts:recent': () => deps.alerts(),
    ...deps.sessions.handlers(),
    ...createLedgerProofHandlers({ session: (id) => deps.sessions.get(id) }),
    ...createFleetHandlers(deps.fleet),
    // Several ledgers opened together, merged by time (a fleet's instances).
    ...new LedgerSets(deps.sessions).handlers(),
  };
}
