// Ledger rows by page: the table asks for the positions it shows, and only the pages covering them
// are fetched (ledger:rows with from/count) and cached. Pages the user merely scrolls past are not
// fetched: fetching waits until the visible range has settled for a moment.
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LedgerRow } from '../../../../shared/ipc/contract';
import type { PeninApi } from '../../api/create-api';
import { useApi } from '../../api/api-context';
import { pagesCovering, type VisibleRange } from './virtual-window';
import { filteredKeys, filterParams, type LedgerFilter } from './ledger-filter';
import { useDebounced } from './useDebounced';

export const PAGE_SIZE = 100;
const SETTLE_MS = 60;
/** Pages off screen are forgotten after this, so a long scroll never accumulates the ledger. */
const PAGE_GC_MS = 60_000;

async function fetchPage(
  api: PeninApi,
  qc: QueryClient,
  sessionId: string,
  filter: LedgerFilter,
  page: number,
): Promise<LedgerRow[]> {
  const res = await api.invoke('ledger:rows', {
    sessionId,
    from: page * PAGE_SIZE,
    count: PAGE_SIZE,
    ...filterParams(filter),
  });
  const totalKey = filteredKeys.total(sessionId, filter);
  if (qc.getQueryData<number>(totalKey) !== res.total) qc.setQueryData(totalKey, res.total);
  return res.rows;
}

/** How many rows the (filtered) view has. Fetching it also caches the first page. */
export function useLedgerTotal(sessionId: string, filter: LedgerFilter) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery({
    queryKey: filteredKeys.total(sessionId, filter),
    queryFn: async () => {
      const res = await api.invoke('ledger:rows', {
        sessionId,
        from: 0,
        count: PAGE_SIZE,
        ...filterParams(filter),
      });
      qc.setQueryData(filteredKeys.page(sessionId, filter, 0), res.rows);
      return res.total;
    },
    staleTime: Infinity,
  });
}

const sameRange = (a: VisibleRange, b: VisibleRange) => a.first === b.first && a.last === b.last;

export interface LedgerRowsView {
  rowAt(position: number): LedgerRow | undefined;
  error: Error | null;
}

export function useLedgerRows(sessionId: string, filter: LedgerFilter, range: VisibleRange): LedgerRowsView {
  const api = useApi();
  const qc = useQueryClient();
  const settled = useDebounced(range, SETTLE_MS, sameRange);
  const wanted = new Set(pagesCovering(settled.first, settled.last, PAGE_SIZE));
  const pages = pagesCovering(range.first, range.last, PAGE_SIZE);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: filteredKeys.page(sessionId, filter, page),
      queryFn: () => fetchPage(api, qc, sessionId, filter, page),
      staleTime: Infinity,
      gcTime: PAGE_GC_MS,
      enabled: wanted.has(page),
    })),
  });
  const byPage = new Map<number, LedgerRow[]>();
  let error: Error | null = null;
  results.forEach((r, i) => {
    if (r.data) byPage.set(pages[i], r.data);
    if (r.error) error = r.error;
  });
  return {
    rowAt: (position) => byPage.get(Math.floor(position / PAGE_SIZE))?.[position % PAGE_SIZE],
    error,
  };
}
