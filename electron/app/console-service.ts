// Everything behind the contract, assembled once and shared by the Electron main process and
// `penin serve`: the push-event hub, the ledger sessions, the metrics history, the handlers, the
// dispatcher, and (once the core runs) the live feed.
import { channels, type AppInfo, type Events } from '../../shared/ipc/contract';
import { createEventHub, type EventHub } from '../events/event-hub';
import { createDispatcher, type Dispatcher } from '../ipc/dispatch';
import type { ConsoleCore } from './console-core';
import { FleetRegistry } from './fleet/fleet-registry';
import { fileFleetStore, memoryFleetStore } from './fleet/fleet-store';
import type { SecretCipher } from './secret-store';
import { createConsoleHandlers } from './handlers';
import { LedgerSessions, type OpenLedgerSession } from './ledger-sessions';
import { startLiveFeed, type LiveFeed } from './live-feed';
import { MetricsHistory } from './metrics-history';

export interface ConsoleServiceOptions {
  mode: AppInfo['mode'];
  version: string;
  demo: boolean;
  /** Demo mode's own data folder (AppInfo.demoDataDir); default null. */
  demoDataDir?: string | null;
  openSession: OpenLedgerSession;
  /** The ledger the embedded gateway writes; null when there is none. */
  liveLedgerPath: string | null;
  /** The live ledger's public key (PEM): ledger:anchors checks the live ledger with it. Null (the
   * default) when the live ledger is not signed. */
  livePublicKeyPath?: string | null;
  /** A ledger the user asked to audit at start (command line); AppInfo.auditLedgerPath. */
  auditLedgerPath?: string | null;
  onAuditOpened?: (path: string) => void;
  pollMs?: number;
  /** Where the attached instances are kept (fleet.json, and their tokens sealed with `cipher` when
   * it is available, else 0600 files); absent: kept in memory for this run only. */
  fleet?: { dir: string; cipher: SecretCipher | null; pollMs?: number };
}

export interface ConsoleService {
  readonly dispatcher: Dispatcher;
  readonly hub: EventHub<Events>;
  readonly sessions: LedgerSessions;
  readonly fleet: FleetRegistry;
  /** The core started (or stopped: null, with the reason shown to the user). */
  setCore(core: ConsoleCore | null, unavailableReason?: string): void;
  /** Ask the renderer to open `path` for audit (menu, second instance). */
  requestOpenLedger(path: string): void;
  close(): void;
}

export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  const hub = createEventHub<Events>();
  const history = new MetricsHistory();
  let core: ConsoleCore | null = null;
  let unavailable = 'the router core is starting';
  let feed: LiveFeed | null = null;
  let auditPath = options.auditLedgerPath ?? null;

  const sessions = new LedgerSessions({
    open: options.openSession,
    liveLedgerPath: options.liveLedgerPath,
    livePublicKeyPath: options.livePublicKeyPath ?? null,
    onProgress: (p) => hub.publish('ledger:progress', p),
    onAuditOpened: options.onAuditOpened,
  });
  const fleet = new FleetRegistry({
    store: options.fleet ? fileFleetStore(options.fleet.dir, options.fleet.cipher) : memoryFleetStore(),
    pollMs: options.fleet?.pollMs,
    onChange: (status) => hub.publish('fleet:changed', status),
  });
  const handlers = createConsoleHandlers({
    fleet,
    core: () => core,
    coreUnavailable: () => unavailable,
    sessions,
    history,
    alerts: () => feed?.recentAlerts() ?? [],
    info: () => ({
      mode: options.mode,
      version: options.version,
      demo: options.demo,
      demoDataDir: options.demoDataDir ?? null,
      liveLedgerPath: options.liveLedgerPath,
      auditLedgerPath: auditPath,
    }),
  });
  const dispatcher = createDispatcher(channels, handlers);

  return {
    dispatcher,
    hub,
    sessions,
    fleet,
    setCore(next, reason) {
      feed?.stop();
      feed = null;
      core = next;
      unavailable = reason ?? 'the router core is not running';
      if (next !== null) feed = startLiveFeed({ core: next, hub, history, pollMs: options.pollMs });
    },
    requestOpenLedger(path) {
      auditPath = path;
      hub.publish('app:openLedger', { path });
    },
    close() {
      feed?.stop();
      feed = null;
      sessions.closeAll();
      fleet.close();
    },
  };
}
