// Two open ledgers compared: the penin.diff/1 summary (ledger:diff), a window of each side's rows
// (ledger:rows, the same pages the table reads), and one entry of each side for the field diff.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import { useApi } from '../../../api/api-context';
import { queryKeys } from '../../../api/query-keys';

export function useLedgerDiff(a: string, b: string, publicKeyPath?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.ledger(a), 'diff', b, publicKeyPath ?? null] as const,
    queryFn: () =>
      api.invoke(
        'ledger:diff',
        publicKeyPath === undefined
          ? { sessionIdA: a, sessionIdB: b }
          : { sessionIdA: a, sessionIdB: b, publicKeyPath },
      ),
    staleTime: Infinity,
  });
}

/** Rows `from`..`from + count` of one side. `entries`: how many the diff counted in its file; while
 * the session is still verifying it knows fewer, so the page is asked again until it knows them all. */
export function useCompareRows(sessionId: string, from: number, count: number, entries: number) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.ledger(sessionId), 'compare-rows', from, count] as const,
    queryFn: () => api.invoke('ledger:rows', { sessionId, from, count }),
    staleTime: Infinity,
    refetchInterval: (q) => {
      const total = q.state.data?.total;
      // Asked a bounded number of times: a count that never agrees (a line the two read differently) stops.
      if ((total !== undefined && total >= entries) || q.state.dataUpdateCount > MAX_REFETCH) return false;
      return REFETCH_MS;
    },
  });
}

const REFETCH_MS = 400;
const MAX_REFETCH = 150;

export function useCompareEntry(sessionId: string, index: number | null, exists: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ledgerEntry(sessionId, index ?? -1),
    queryFn: () => api.invoke('ledger:entry', { sessionId, index: index ?? 0 }),
    enabled: index !== null && exists,
    staleTime: Infinity,
  });
}

/** Opens the second copy read-only, beside the session shown (which stays open). */
export function useOpenSecondCopy(onOpened: (info: LedgerSessionInfo) => void) {
  const api = useApi();
  return useMutation({
    mutationFn: (path: string) => api.invoke('ledger:openAudit', { path }),
    onSuccess: onOpened,
  });
}

/** Closes the second copy and drops what was cached of it. */
export function useCloseSecondCopy() {
  const api = useApi();
  const qc = useQueryClient();
  return (sessionId: string) => {
    void api.invoke('ledger:close', { sessionId }).catch(() => undefined);
    qc.removeQueries({ queryKey: queryKeys.ledger(sessionId) });
  };
}
