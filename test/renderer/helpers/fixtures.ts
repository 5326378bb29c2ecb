// Canned snapshots for the renderer tests.
import type {
  AnchorStatus,
  AppInfo,
  CachePoint,
  FleetInstanceStatus,
  FleetTotals,
  LedgerRow,
  LedgerSessionInfo,
  SpendPoint,
} from '../../../shared/ipc/contract';
import type {
  BreakerSnapshot,
  BudgetSnapshot,
  CacheStats,
  ChainBreak,
  RecentRequest,
  RoutingTable,
} from '../../../shared/domain';
import type { BreakExplanation } from '../../../shared/break-explanation';
import type { LedgerDiff } from '../../../shared/ledger-diff';

export const NOW = Date.UTC(2025, 10, 25, 15, 0, 0);

export const appInfo: AppInfo = {
  mode: 'browser',
  version: '0.1.0',
  demo: true,
  demoDataDir: '/home/op/.penin-console/demo',
  gateway: { url: 'http://127.0.0.1:8787', token: 'gw-secret-token' },
  liveLedgerPath: '/var/lib/penin/ledger.jsonl',
  auditLedgerPath: null,
};

export const budget: BudgetSnapshot = {
  day: '2025-11-25',
  timeZone: 'UTC',
  dailyLimitUsd: 50,
  spendUsd: 31.42,
  reservedUsd: 0.85,
  remainingUsd: 17.73,
  percentUsed: 62.84,
  softLimitPct: 95,
  hardLimitPct: 100,
  softLimitMode: 'refuse',
  status: 'OK',
  requests: 1840,
  tokens: 2_310_554,
  byProvider: {
    openai: { spendUsd: 18.2, requests: 900, tokens: 1_200_000 },
    anthropic: { spendUsd: 11.02, requests: 700, tokens: 900_000 },
    mistral: { spendUsd: 2.2, requests: 240, tokens: 210_554 },
  },
  byModel: {
    'gpt-4o': { spendUsd: 15.1, requests: 500, tokens: 800_000 },
    'claude-sonnet': { spendUsd: 11.02, requests: 700, tokens: 900_000 },
  },
  projectedEndOfDayUsd: 52.6,
  projection: {
    basis: 'last_hour',
    windowStartMs: NOW - 3_600_000,
    usdPerHour: 2.35,
    softLimit: { kind: 'at', at: Date.UTC(2025, 10, 25, 21, 29, 0) },
    hardLimit: { kind: 'at', at: Date.UTC(2025, 10, 25, 22, 33, 0) },
    dayEndMs: Date.UTC(2025, 10, 26),
  },
  at: NOW,
};

export const spendHistory: SpendPoint[] = Array.from({ length: 120 }, (_, i) => ({
  at: NOW - (120 - i) * 60_000,
  spendUsd: (i / 120) * 31.42,
}));

const config = { failureThreshold: 5, timeoutMs: 30_000, successThreshold: 2, halfOpenMaxCalls: 1 };

export const breakers: BreakerSnapshot[] = [
  {
    provider: 'openai',
    state: 'closed',
    consecutiveFailures: 0,
    halfOpenSuccesses: 0,
    totalSuccesses: 900,
    totalFailures: 3,
    totalRejected: 0,
    retryAfterMs: null,
    forcedOpen: false,
    transitions: [],
    // The app started 20 minutes ago: the hour before that has no data.
    observedSince: NOW - 20 * 60_000,
    config,
  },
  {
    provider: 'anthropic',
    state: 'open',
    consecutiveFailures: 5,
    halfOpenSuccesses: 0,
    totalSuccesses: 700,
    totalFailures: 12,
    totalRejected: 41,
    retryAfterMs: 21_000,
    forcedOpen: false,
    transitions: [{ at: NOW - 9_000, from: 'closed', to: 'open', cause: '5 consecutive failures' }],
    observedSince: NOW - 86_400_000,
    config,
  },
];

export const cacheStats: CacheStats = {
  entries: 812,
  bytes: 3_400_000,
  maxEntries: 1000,
  maxBytes: 10_000_000,
  hits: 420,
  misses: 980,
  hitRate: 0.3,
  evictions: 17,
  expired: 55,
  integrityFailures: 0,
};

export const cacheHistory: CachePoint[] = Array.from({ length: 60 }, (_, i) => ({
  at: NOW - (60 - i) * 60_000,
  hitRate: 0.2 + i / 600,
  entries: 700 + i,
  bytes: 3_000_000 + i * 5000,
}));

export const LEDGER_TOTAL = 1_000_000;
export const BREAKS: ChainBreak[] = [
  { index: 12, kind: 'link', detail: 'previous_hash does not match entry 11' },
  { index: 500_000, kind: 'content', detail: 'stored current_hash differs from the recomputed one' },
  { index: 999_990, kind: 'torn_tail', detail: 'last line cut short' },
];

export const ANCHOR_KEY_ID = '88ab6acd5c12e51f';

/** ledger:anchors for a signed ledger: all but the newest 1,000 entries covered. */
export const anchorStatus: AnchorStatus = {
  keyId: ANCHOR_KEY_ID,
  checkpoints: { total: 999, valid: 999, coveredEntries: 999_000 },
  entries: LEDGER_TOTAL,
  breaks: [],
  chain: { breaks: 0, firstIndexes: [] },
  notes: [
    {
      index: 999_000,
      kind: 'unsigned_tail',
      detail: 'entries 999000 to 999999 come after the last valid checkpoint: no signature covers them yet',
    },
  ],
};

/** ledger:anchors for a ledger rewritten from entry 3 on, with its last entries cut off and a forged checkpoint. */
export const tamperedStatus: AnchorStatus = {
  keyId: ANCHOR_KEY_ID,
  checkpoints: { total: 1001, valid: 1000, coveredEntries: LEDGER_TOTAL },
  entries: LEDGER_TOTAL,
  breaks: [
    {
      index: 999,
      kind: 'rewritten',
      detail:
        'the checkpoint signed at 2025-11-25T10:00:00.000Z says entry 999 had current_hash 3e7a01c9b2d4…, the file has 000003e7abab…: the chain was rewritten',
    },
    {
      index: 400_999,
      kind: 'rewritten',
      detail:
        'the checkpoint signed at 2025-11-25T12:00:00.000Z says entry 400999 had current_hash 9c0ffee12345…, the file has 00061e67abab…: the chain was rewritten',
    },
    {
      index: 600_000,
      kind: 'bad_signature',
      detail: 'checkpoint line 601 (600001 entries, 2025-11-25T13:00:00.000Z): the signature does not verify',
    },
    {
      index: 999_999,
      kind: 'truncated',
      detail:
        'the checkpoint signed at 2025-11-25T14:59:00.000Z says entry 1000499 exists, but the file has 1000000 entries: the newest entries were cut off',
    },
  ],
  notes: [],
  chain: { breaks: 0, firstIndexes: [] },
};

export const liveSession: LedgerSessionInfo = {
  sessionId: 'live-1',
  path: '/var/lib/penin/ledger.jsonl',
  readOnly: false,
  bytes: 1_400_000_000,
};

export function auditSession(path: string): LedgerSessionInfo {
  return { sessionId: 'audit-1', path, readOnly: true, bytes: 52_000 };
}

export function hashOf(i: number): string {
  if (i < 0) return '0'.repeat(64);
  return (i.toString(16).padStart(8, '0') + 'ab').repeat(7).slice(0, 64);
}

export function decisionOf(i: number): string {
  return i % 17 === 0 ? 'BLOCK' : 'ROUTE';
}

export function ledgerRow(i: number): LedgerRow {
  const breaks = BREAKS.filter((b) => b.index === i).map((b) => b.kind);
  return {
    index: i,
    decisionId: `decision-${i}`,
    timestamp: new Date(NOW - (LEDGER_TOTAL - i) * 1000).toISOString(),
    decision: decisionOf(i),
    reason: decisionOf(i) === 'BLOCK' ? 'budget hard limit reached' : `routed to provider ${i % 3}`,
    provider: ['openai', 'anthropic', 'mistral'][i % 3],
    costUsd: decisionOf(i) === 'BLOCK' ? 0 : 0.0012,
    previousHash: hashOf(i - 1),
    currentHash: hashOf(i),
    breaks,
  };
}

/** Two active providers (anthropic's breaker is open in `breakers`) and one without its key. */
export const routing: RoutingTable = {
  policy: 'priority',
  providers: [
    {
      name: 'openai',
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      priority: 10,
      active: true,
      note: null,
    },
    {
      name: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com/v1',
      priority: 20,
      active: true,
      note: null,
    },
    {
      name: 'openrouter',
      kind: 'openai',
      baseUrl: 'https://openrouter.ai/api/v1',
      priority: 30,
      active: false,
      note: 'set OPENROUTER_API_KEY',
    },
  ],
  models: [
    {
      id: 'claude-sonnet',
      candidates: [
        { provider: 'anthropic', inputPerMTok: 3, outputPerMTok: 15, active: true },
        { provider: 'openrouter', inputPerMTok: 3, outputPerMTok: 15, active: false },
      ],
    },
    {
      id: 'gpt-4o-mini',
      candidates: [
        { provider: 'openai', inputPerMTok: 0.15, outputPerMTok: 0.6, active: true },
        { provider: 'openrouter', inputPerMTok: 0.15, outputPerMTok: 0.6, active: false },
      ],
    },
    {
      id: 'llama-3.1-70b',
      candidates: [{ provider: 'openrouter', inputPerMTok: 0.4, outputPerMTok: 0.4, active: false }],
    },
  ],
};

/** The gateway's last requests, newest first: served, a cache hit, a refusal and a failure. */
export const recentRequests: RecentRequest[] = [
  {
    decisionId: 'd-4',
    at: NOW - 1_000,
    outcome: 'failed',
    reason: 'failed: every provider failed (openai: HTTP 503)',
    model: 'gpt-4o',
    provider: 'openai',
    stream: false,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    latencyMs: 1520,
    attempts: 2,
    violations: ['upstream_failure'],
  },
  {
    decisionId: 'd-3',
    at: NOW - 2_000,
    outcome: 'refused',
    reason: 'budget soft limit reached (95% of $50.00)',
    model: 'gpt-4o',
    provider: null,
    stream: false,
    promptTokens: null,
    completionTokens: null,
    costUsd: null,
    latencyMs: 0.4,
    attempts: 0,
    violations: ['budget_soft_limit'],
  },
  {
    decisionId: 'd-2',
    at: NOW - 3_000,
    outcome: 'cached',
    reason: 'served from cache',
    model: 'gpt-4o-mini',
    provider: 'openai',
    stream: false,
    promptTokens: 12,
    completionTokens: 30,
    costUsd: 0,
    latencyMs: 1.2,
    attempts: 0,
    violations: [],
  },
  {
    decisionId: 'd-1',
    at: NOW - 4_000,
    outcome: 'served',
    reason: 'served by "anthropic"',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    stream: true,
    promptTokens: 1200,
    completionTokens: 340,
    costUsd: 0.0087,
    latencyMs: 842,
    attempts: 2,
    violations: [],
  },
];

/** ledger:explain's answer for a fixture break: the content break was re-encoded, the link a deletion. */
export function explanationOf(b: ChainBreak): BreakExplanation | undefined {
  if (b.kind === 'content')
    return {
      cause: 're-encoded',
      text: `entry ${b.index} was re-encoded, its values unchanged: metrics.cost_usd: 1.0 -> 1`,
      matched: 'current_hash',
      changes: [{ path: 'metrics.cost_usd', original: '1.0', stored: '1', change: 'float-as-int' }],
      search: { tried: 12, exhausted: true },
      formNotes: ['keys reordered'],
    };
  if (b.kind === 'link')
    return {
      cause: 'deleted',
      text: `entries were deleted before entry ${b.index}: its previous_hash matches no entry in the file`,
      after: b.index - 1,
      missing: null,
      checkpoint: null,
    };
  if (b.kind === 'torn_tail')
    return {
      cause: 'parse',
      text: `the last line was cut off mid-write: the parser met end of line at byte 40`,
      byte: 40,
      met: 'end of line',
      context: '"reason": "requ⟨here⟩',
    };
  return undefined;
}

/** ledger:diff: the two sessions forked at entry 500,000. */
export function ledgerDiff(a: string, b: string): LedgerDiff {
  return {
    schema: 'penin.diff/1',
    numbering: 'entry N is the 0-based index, on line N + 1',
    a: {
      path: `/ledgers/${a}.jsonl`,
      entries: LEDGER_TOTAL,
      head: hashOf(LEDGER_TOTAL - 1),
      tail: 500_000,
      tornTail: false,
    },
    b: { path: `/ledgers/${b}.jsonl`, entries: 500_010, head: hashOf(7), tail: 10, tornTail: false },
    commonPrefix: 500_000,
    classification: { kind: 'forked', at: 500_000 },
    firstDifference: {
      index: 500_000,
      a: { currentHash: hashOf(500_000), lineSha256: hashOf(1) },
      b: { currentHash: hashOf(2), lineSha256: hashOf(3) },
      sameCurrentHash: false,
    },
    equalAfterDifference: 0,
    checkpoints: null,
    text: 'A and B forked at entry 500000: A has 500000 entries after it, B has 10.',
  };
}

/** The `n`th instance the fake fleet attaches: up, spending 1.5 + n dollars, one breaker open on the second. */
export function fleetInstance(n: number, { url, name }: { url: string; name: string }): FleetInstanceStatus {
  return {
    id: `inst-${n}`,
    name,
    url,
    health: 'up',
    lastError: null,
    latencyMs: 3 + n,
    requestsPerSec: 2.5 + n,
    spentUsd: 1.5 + n,
    limitUsd: 50,
    breakers: [
      { provider: 'openai', state: n === 1 ? 'open' : 'closed' },
      { provider: 'anthropic', state: 'closed' },
    ],
    fleetInstance: null,
    updatedAt: NOW,
  };
}

export function fleetTotals(instances: FleetInstanceStatus[]): FleetTotals {
  return {
    spentUsd: instances.reduce((s, i) => s + (i.spentUsd ?? 0), 0),
    limitUsd: instances.reduce((s, i) => s + (i.limitUsd ?? 0), 0),
    requestsPerSec: instances.reduce((s, i) => s + (i.requestsPerSec ?? 0), 0),
    instances: instances.length,
    healthy: instances.filter((i) => i.health === 'up').length,
    source: 'sum',
  };
}
