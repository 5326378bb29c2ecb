// A query fetched once and then kept (never stale): PENIN pushes what changes (see useLiveSync), or
// nothing changes while it runs. `safetyPoll` adds the slow poll that covers a missed push.
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useApi } from './api-context';
import type { PeninApi } from './create-api';
import { SAFETY_REFRESH_MS } from './refresh';

export function useKeptQuery<T>(
  queryKey: QueryKey,
  fetch: (api: PeninApi) => Promise<T>,
  { safetyPoll = false }: { safetyPoll?: boolean } = {},
) {
  const api = useApi();
  return useQuery({
    queryKey,
    queryFn: () => fetch(api),
    staleTime: Infinity,
    ...(safetyPoll ? { refetchInterval: SAFETY_REFRESH_MS } : {}),
  });
}
