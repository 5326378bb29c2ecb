// Today's spend over time; each budget:changed push appends a point (see useLiveSync).
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export function useSpendHistory() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.spendHistory,
    queryFn: () => api.invoke('budget:history', {}),
    staleTime: Infinity,
  });
}
