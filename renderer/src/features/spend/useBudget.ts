// Today's budget snapshot; kept live by the budget:changed push (see useLiveSync).
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { SAFETY_REFRESH_MS } from '../../api/refresh';

export function useBudget() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.budget,
    queryFn: () => api.invoke('budget:get', {}),
    staleTime: Infinity,
    refetchInterval: SAFETY_REFRESH_MS,
  });
}
