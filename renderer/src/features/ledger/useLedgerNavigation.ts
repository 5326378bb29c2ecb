// Finding where to go in a ledger: the next/previous chain break, the first entry at or after a
// time, and the row position of an entry index in the (possibly filtered) view.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../../api/api-context';
import { filteredKeys, filterParams, isFiltered, type LedgerFilter } from './ledger-filter';

export function useFindBreak(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (req: { from: number; direction: 'next' | 'prev' }) =>
      api.invoke('ledger:findBreak', { sessionId, ...req }),
  });
}

export function useFindTime(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (at: number) => api.invoke('ledger:findTime', { sessionId, at }),
  });
}

/** Resolves an entry index to its row position: itself when unfiltered, else asks ledger:locate. */
export function useLocateIndex(sessionId: string, filter: LedgerFilter) {
  const api = useApi();
  const qc = useQueryClient();
  return useCallback(
    async (index: number, total: number): Promise<number> => {
      if (!isFiltered(filter)) return Math.min(index, Math.max(0, total - 1));
      const res = await qc.fetchQuery({
        queryKey: filteredKeys.locate(sessionId, filter, index),
        queryFn: () => api.invoke('ledger:locate', { sessionId, index, ...filterParams(filter) }),
        staleTime: 10_000,
      });
      return Math.min(res.position, Math.max(0, res.total - 1));
    },
    [api, qc, sessionId, filter],
  );
}
