// A fleet's ledgers opened together and their merged view: ledger:openSet, then ledger:mergedRows
// by page (re-fetched while the files are still being verified: the order may still change).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { LedgerSetInfo, MergedRows } from '../../../../../shared/ipc/contract';
import { useApi } from '../../../api/api-context';

export const MERGED_PAGE_SIZE = 100;

export function useOpenLedgerSet(onOpened: (set: LedgerSetInfo) => void, current: LedgerSetInfo | null) {
  const api = useApi();
  return useMutation({
    mutationFn: (paths: string[]) => api.invoke('ledger:openSet', { paths }),
    onSuccess: (set) => {
      if (current && current.setId !== set.setId)
        void api.invoke('ledger:closeSet', { setId: current.setId }).catch(() => undefined);
      onOpened(set);
    },
  });
}

/** One page of the merged rows of `files` (all files when every one is shown). */
export function useMergedRows(set: LedgerSetInfo, page: number, files: number[]) {
  const api = useApi();
  const all = files.length === set.files.length;
  return useQuery({
    queryKey: ['ledger', 'set', set.setId, 'merged', files.join(','), page],
    queryFn: (): Promise<MergedRows> =>
      api.invoke('ledger:mergedRows', {
        setId: set.setId,
        offset: page * MERGED_PAGE_SIZE,
        limit: MERGED_PAGE_SIZE,
        ...(all ? {} : { files }),
      }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.complete === false ? 500 : false),
    enabled: files.length > 0,
  });
}

/** The paths typed in the box: one a line (or separated by commas), blanks dropped. */
export function parsePaths(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
