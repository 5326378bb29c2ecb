// Cache hit rate, entries and bytes over time; each cache:changed push appends a point.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export function useCacheHistory() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.cacheHistory,
    queryFn: () => api.invoke('cache:history', {}),
    staleTime: Infinity,
  });
}
