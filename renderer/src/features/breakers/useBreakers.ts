// Every provider's circuit breaker; kept live by the breakers:changed push (see useLiveSync).
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { SAFETY_REFRESH_MS } from '../../api/refresh';

export function useBreakers() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.breakers,
    queryFn: () => api.invoke('breakers:list', {}),
    staleTime: Infinity,
    refetchInterval: SAFETY_REFRESH_MS,
  });
}
