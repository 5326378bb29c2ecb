import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';

export function useAppInfo() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => api.invoke('app:info', {}),
    staleTime: Infinity,
  });
}
