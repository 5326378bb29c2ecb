// Response-cache counters; kept live by the cache:changed push (see useLiveSync).
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useCacheStats() {
  return useKeptQuery(queryKeys.cacheStats, (api) => api.invoke('cache:stats', {}), { safetyPoll: true });
}
