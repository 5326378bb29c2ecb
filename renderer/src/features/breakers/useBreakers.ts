// Every provider's circuit breaker; kept live by the breakers:changed push (see useLiveSync).
import { useKeptQuery } from '../../api/kept-query';
import { queryKeys } from '../../api/query-keys';

export function useBreakers() {
  return useKeptQuery(queryKeys.breakers, (api) => api.invoke('breakers:list', {}), { safetyPoll: true });
}
