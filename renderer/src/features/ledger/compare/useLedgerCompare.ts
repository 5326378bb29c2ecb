// Two open ledgers compared: the penin.diff/1 summary (ledger:diff), a window of each side's rows
// (ledger:rows, the same pages the table reads), and one entry of each side for the field diff.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LedgerSessionInfo } from '../../../../../shared/ipc/contract';
import { useApi } from '../../../api/api-context';
import { queryKeys } from '../../../api/query-keys';

export function useLedgerDiff(a: string, b: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.ledger(a), 'diff', b] as const,
    queryFn: () => api.invoke('ledger:diff', { sessionIdA: a, sessionIdB: b }),
    staleTime: Infinity,
  });
}

export function useCompareRows(sessionId: string, from: number, count: number) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.ledger(sessionId), 'compare-rows', from, count] as const,
    queryFn: () => api.invoke('ledger:rows', { sessionId, from, count }),
    staleTime: Infinity,
  });
}

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
