// Cache hit rate, entries and bytes over time; each cache:changed push appends a point.
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useCacheHistory() {
  return useKeptQuery(queryKeys.cacheHistory, (api) => api.invoke('cache:history', {}));
}
