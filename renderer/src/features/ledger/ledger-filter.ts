// The ledger browser's filter (decision, free text), what it sends with ledger:rows / ledger:locate,
// and the query keys that depend on it, under queryKeys.ledger(sessionId).
import { queryKeys } from '../../api/query-keys';

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

export const filteredKeys = {
  total: (sessionId: string, f: LedgerFilter) =>
    [...queryKeys.ledger(sessionId), 'total', f.decision, f.text] as const,
  page: (sessionId: string, f: LedgerFilter, page: number) =>
    [...queryKeys.ledger(sessionId), 'rows', f.decision, f.text, page] as const,
  locate: (sessionId: string, f: LedgerFilter, index: number) =>
    [...queryKeys.ledger(sessionId), 'locate', f.decision, f.text, index] as const,
};
