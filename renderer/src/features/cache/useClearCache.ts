// Operator action: empty the response cache, with a reason (recorded in the ledger first).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CacheStats } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export function useClearCache() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.invoke('cache:clear', { reason }),
    onSuccess: (stats: CacheStats) => qc.setQueryData(queryKeys.cacheStats, stats),
  });
}
