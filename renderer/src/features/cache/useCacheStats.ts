// Response-cache counters; kept live by the cache:changed push (see useLiveSync).
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { SAFETY_REFRESH_MS } from '../../api/refresh';

export function useCacheStats() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.cacheStats,
    queryFn: () => api.invoke('cache:stats', {}),
    staleTime: Infinity,
    refetchInterval: SAFETY_REFRESH_MS,
  });
}
