// What the breaks at one entry most likely were (ledger:explain), asked for when the entry pane
// shows a broken entry. Kept under the session's query keys, so closing the session drops it.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context';
import { queryKeys } from '../../../api/query-keys';

export function useBreakExplanations(sessionId: string, index: number) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.ledger(sessionId), 'explain', index] as const,
    queryFn: () => api.invoke('ledger:explain', { sessionId, index }),
    staleTime: Infinity,
  });
}
