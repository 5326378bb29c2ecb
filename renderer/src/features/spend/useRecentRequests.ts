// The last requests the gateway recorded. Refetched while shown, at most twice a second, when
// PENIN announces more (requests:changed): a busy gateway records hundreds a second.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { throttle } from '../../lib/throttle';
import { queryKeys } from '../../api/query-keys';

const THROTTLE_MS = 500;
/** Requests listed. */
export const RECENT_SHOWN = 50;

/** The last requests; with `problems`, only those refused or failed. */
export function useRecentRequests(problems = false) {
  const api = useApi();
  const qc = useQueryClient();

  useEffect(() => {
    const throttled = throttle(
      () => void qc.invalidateQueries({ queryKey: queryKeys.recentRequests }),
      THROTTLE_MS,
    );
    const off = api.on('requests:changed', () => throttled.call());
    return () => {
      off();
      throttled.cancel();
    };
  }, [api, qc]);

  return useQuery({
    queryKey: queryKeys.recentRequestsOf(problems),
    queryFn: () => api.invoke('requests:recent', { limit: RECENT_SHOWN, ...(problems ? { problems } : {}) }),
  });
}
