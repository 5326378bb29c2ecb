// The react-query keys, so push events and invalidations hit the right entries. Ledger keys all start
// with ['ledger', sessionId] so one session can be dropped at once; those that depend on the ledger
// browser's filter are built on that prefix in features/ledger/ledger-filter.ts.

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  budget: ['budget', 'snapshot'] as const,
  spendHistory: ['budget', 'history'] as const,
  breakers: ['breakers', 'list'] as const,
  cacheStats: ['cache', 'stats'] as const,
  cacheHistory: ['cache', 'history'] as const,
  routing: ['routing', 'table'] as const,
  recentRequests: ['requests', 'recent'] as const,
  fleet: ['fleet', 'status'] as const,
  recentRequestsOf: (problems: boolean) => ['requests', 'recent', problems ? 'problems' : 'all'] as const,
  ledger: (sessionId: string) => ['ledger', sessionId] as const,
  ledgerEntry: (sessionId: string, index: number) => ['ledger', sessionId, 'entry', index] as const,
  ledgerProgress: (sessionId: string) => ['ledger', sessionId, 'progress'] as const,
  /** The last signature check's result (set by useLedgerAnchors, never fetched on its own). */
  ledgerAnchors: (sessionId: string) => ['ledger', sessionId, 'anchors'] as const,
};
