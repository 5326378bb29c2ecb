// One ledger entry in full, for the detail pane.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export function useLedgerEntry(sessionId: string, index: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.ledgerEntry(sessionId, index ?? -1),
    queryFn: () => api.invoke('ledger:entry', { sessionId, index: index ?? 0 }),
    enabled: index !== null,
    staleTime: Infinity,
  });
}
