// The configured providers and which serve each model: fixed while the core runs (the config is
// read at start), so it is fetched once.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export function useRoutingTable() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.routing,
    queryFn: () => api.invoke('routing:table', {}),
    staleTime: Infinity,
  });
}
