// Every react-query key in one place, so push events and invalidations hit the right entries.
// Ledger keys all start with ['ledger', sessionId] so one session can be dropped at once.

export interface LedgerFilter {
  /** Exact decision to keep; '' keeps all. */
  decision: string;
  /** Free text matched by the server against the entry; '' keeps all. */
  text: string;
}

export const NO_FILTER: LedgerFilter = { decision: '', text: '' };

export function isFiltered(f: LedgerFilter): boolean {
  return f.decision !== '' || f.text !== '';
}

/** The optional filter params of ledger:rows / ledger:locate, omitting empty ones. */
export function filterParams(f: LedgerFilter): { decision?: string; text?: string } {
  return { ...(f.decision ? { decision: f.decision } : {}), ...(f.text ? { text: f.text } : {}) };
}

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  budget: ['budget', 'snapshot'] as const,
  spendHistory: ['budget', 'history'] as const,
  breakers: ['breakers', 'list'] as const,
  cacheStats: ['cache', 'stats'] as const,
  cacheHistory: ['cache', 'history'] as const,
  routing: ['routing', 'table'] as const,
  recentRequests: ['requests', 'recent'] as const,
  recentRequestsOf: (problems: boolean) => ['requests', 'recent', problems ? 'problems' : 'all'] as const,
  ledger: (sessionId: string) => ['ledger', sessionId] as const,
  ledgerTotal: (sessionId: string, f: LedgerFilter) =>
    ['ledger', sessionId, 'total', f.decision, f.text] as const,
  ledgerPage: (sessionId: string, f: LedgerFilter, page: number) =>
    ['ledger', sessionId, 'rows', f.decision, f.text, page] as const,
  ledgerLocate: (sessionId: string, f: LedgerFilter, index: number) =>
    ['ledger', sessionId, 'locate', f.decision, f.text, index] as const,
  ledgerEntry: (sessionId: string, index: number) => ['ledger', sessionId, 'entry', index] as const,
  ledgerProgress: (sessionId: string) => ['ledger', sessionId, 'progress'] as const,
  /** The last signature check's result (set by useLedgerAnchors, never fetched on its own). */
  ledgerAnchors: (sessionId: string) => ['ledger', sessionId, 'anchors'] as const,
};
