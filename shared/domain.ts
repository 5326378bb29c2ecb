// Domain snapshots shared by the main process (producer) and the renderer (consumer).
// Plain data only: everything here crosses IPC or a WebSocket as JSON.

export type BudgetStatus = 'OK' | 'SOFT_LIMIT_EXCEEDED' | 'HARD_LIMIT_EXCEEDED';

/**
 * What the gateway does at the soft limit: `refuse` new requests with 429 budget_exceeded (soft), the
 * seed's behaviour; or `warn` (an alert) and keep routing until the hard limit.
 */
export type SoftLimitMode = 'refuse' | 'warn';
export const SOFT_LIMIT_MODES: readonly SoftLimitMode[] = ['refuse', 'warn'];

/** When a limit is reached at the recent spend rate: already, at an instant today, or not today. */
export type LimitEta = { kind: 'reached' } | { kind: 'at'; at: number } | { kind: 'not_today' };

/** End-of-day projection from the recent spend rate. */
export interface SpendProjection {
  /**
   * What the rate is measured over: the last hour, or since the first request today when that is
   * shorter; `no_data` when nothing was spent in that window (the projection is then today's spend).
   */
  basis: 'last_hour' | 'since_first_request' | 'no_data';
  /** Start of the window the rate is measured over (epoch ms); the window ends at the snapshot's `at`. */
  windowStartMs: number;
  /** Settled spend per hour over the window. */
  usdPerHour: number;
  softLimit: LimitEta;
  hardLimit: LimitEta;
  /** End of the budget day (epoch ms). */
  dayEndMs: number;
}

export interface SpendBucket {
  spendUsd: number;
  requests: number;
  tokens: number;
}

export interface BudgetSnapshot {
  /** Calendar day (YYYY-MM-DD) in `timeZone` that this budget covers. */
  day: string;
  timeZone: string;
  dailyLimitUsd: number;
  /** Settled spend today. */
  spendUsd: number;
  /** Worst-case cost reserved by requests still in flight. */
  reservedUsd: number;
  remainingUsd: number;
  percentUsed: number;
  softLimitPct: number;
  hardLimitPct: number;
  /** What the gateway does once spend reaches the soft limit. */
  softLimitMode: SoftLimitMode;
  status: BudgetStatus;
  requests: number;
  tokens: number;
  byProvider: Record<string, SpendBucket>;
  byModel: Record<string, SpendBucket>;
  /** Today's spend plus the recent rate (see `projection`) until the end of the day. */
  projectedEndOfDayUsd: number;
  projection: SpendProjection;
  /** Epoch ms when the snapshot was taken. */
  at: number;
  /** Requests whose provider reported more than their reservation held (absent: none known). */
  overruns?: ReservationOverruns;
  /** In a fleet (gateways sharing one budget in Redis): every figure above is the fleet's; this
   * names the instance answering and each instance's share today. Absent for a single gateway. */
  fleet?: FleetSpend;
}

/** A fleet's spend today by instance (BudgetSnapshot.fleet). */
export interface FleetSpend {
  /** The instance that took this snapshot. */
  instance: string;
  /** Every instance that settled spend today, by name. */
  instances: FleetInstanceSpend[];
}

export interface FleetInstanceSpend {
  name: string;
  spentUsd: number;
  requests: number;
}

/** Reservation overruns since the core started: the ledger records each as reservation_exceeded. */
export interface ReservationOverruns {
  count: number;
  last: ReservationOverrun | null;
}

export interface ReservationOverrun {
  at: number;
  decisionId: string;
  provider: string;
  model: string;
  reservedUsd: number;
  actualUsd: number;
  reservedTokens: number;
  actualTokens: number;
  /** What went past the bound, each as "completion tokens 31 > 16 reserved" or "cost $… > $… held". */
  exceeded: string[];
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerTransition {
  at: number;
  from: BreakerState;
  to: BreakerState;
  /** e.g. "5 consecutive failures", "timeout elapsed", "operator reset: <who>: <why>" */
  cause: string;
}

export interface BreakerSnapshot {
  provider: string;
  state: BreakerState;
  consecutiveFailures: number;
  halfOpenSuccesses: number;
  totalSuccesses: number;
  totalFailures: number;
  totalRejected: number;
  /** ms until an open breaker lets a trial call through; null unless open. */
  retryAfterMs: number | null;
  forcedOpen: boolean;
  transitions: BreakerTransition[];
  /** Epoch ms from which `transitions` tell the whole story: when the breaker was created, or the
   * newest transition dropped from the bounded history. Before it the state is unknown. */
  observedSince: number;
  config: { failureThreshold: number; timeoutMs: number; successThreshold: number; halfOpenMaxCalls: number };
}

export interface CacheStats {
  entries: number;
  bytes: number;
  maxEntries: number;
  maxBytes: number;
  hits: number;
  misses: number;
  hitRate: number;
  evictions: number;
  expired: number;
  integrityFailures: number;
}

export type BreakKind =
  'parse' | 'content' | 'link' | 'torn_tail' | 'rewritten' | 'truncated' | 'bad_signature' | 'unsigned_tail';

export interface ChainBreak {
  /** 0-based line number of the entry, as in the seed's messages. */
  index: number;
  kind: BreakKind;
  detail: string;
}

/** One provider as configured, and whether the gateway can use it (routing:table). */
export interface ProviderRoute {
  name: string;
  kind: 'openai' | 'anthropic';
  baseUrl: string;
  priority: number;
  /** False when its API key variable is not set: the gateway never calls it. */
  active: boolean;
  /** Why it is inactive, e.g. "set OPENAI_API_KEY"; null when active. */
  note: string | null;
}

/** A provider that serves a model, at its configured prices (USD per million tokens). */
export interface RouteCandidate {
  provider: string;
  inputPerMTok: number;
  outputPerMTok: number;
  active: boolean;
}

/** What the gateway does with each model: its candidates in the order the policy tries them. */
export interface RoutingTable {
  policy: 'priority' | 'cheapest';
  providers: ProviderRoute[];
  /** Sorted by model id; inactive candidates are listed (in order) but never tried. */
  models: { id: string; candidates: RouteCandidate[] }[];
}

/** Something an operator should hear about without watching the screen (alert:raised). */
export interface Alert {
  /** Unique within a run: alerts never replace each other on their way to a window. */
  alertId: string;
  at: number;
  tone: 'ok' | 'warn' | 'bad';
  /** What it is about, e.g. "breaker:openai" or "budget": repeated OS notifications are per topic. */
  topic: string;
  title: string;
  body: string;
  /** The screen that shows more. */
  screen: 'spend' | 'breakers';
}

/** How a request the gateway recorded ended, as an operator reads it. */
export type RequestOutcome = 'served' | 'cached' | 'refused' | 'failed';

/** One request the gateway routed or refused, from its ledger decision (requests:recent). */
export interface RecentRequest {
  /** The ledger entry's decision_id: search the ledger for it. */
  decisionId: string;
  /** When the decision was recorded (epoch ms). */
  at: number;
  outcome: RequestOutcome;
  /** The ledger's reason (why it was refused, which provider served it…). */
  reason: string;
  model: string | null;
  /** The provider that served it (or failed last); null when none was reached. */
  provider: string | null;
  stream: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  /** Providers tried (0 when refused before any, or served from the cache). */
  attempts: number;
  violations: string[];
}
