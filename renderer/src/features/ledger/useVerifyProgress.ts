// Verification progress of an opened ledger: pushed by ledger:progress events, polled once a
// second as a fallback until done. While it runs, rows and totals are refreshed (at most once a
// second) because entries and breaks are still being discovered.
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import type { VerifyProgress } from '../../../../shared/ipc/contract';
import { useApi } from '../../api/api-context';
import type { PeninApi } from '../../api/create-api';
import { queryKeys } from '../../api/query-keys';

const POLL_MS = 1000;
const REFRESH_MS = 1000;

export function isRowsOrTotal(sessionId: string) {
  return (q: Query) =>
    q.queryKey[0] === 'ledger' &&
    q.queryKey[1] === sessionId &&
    (q.queryKey[2] === 'rows' || q.queryKey[2] === 'total');
}

function progressQuery(api: PeninApi, sessionId: string) {
  return {
    queryKey: queryKeys.ledgerProgress(sessionId),
    queryFn: () => api.invoke('ledger:progress', { sessionId }),
    staleTime: Infinity,
    refetchInterval: (q: Query<VerifyProgress>) => (q.state.data?.done ? false : POLL_MS),
  };
}

/** Whether verification of the session has finished (the same query as useVerifyProgress). */
export function useVerificationDone(sessionId: string): boolean {
  const api = useApi();
  return useQuery({ ...progressQuery(api, sessionId), select: (p: VerifyProgress) => p.done }).data === true;
}

export function useVerifyProgress(sessionId: string) {
  const api = useApi();
  const qc = useQueryClient();
  const query = useQuery(progressQuery(api, sessionId));

  const seen = useRef<{ progress: VerifyProgress | undefined; refreshedAt: number }>({
    progress: undefined,
    refreshedAt: 0,
  });
  const progress = query.data;
  useEffect(() => {
    const prev = seen.current.progress;
    seen.current.progress = progress;
    if (!progress || !prev || prev.sessionId !== progress.sessionId || prev.done) return;
    const changed = prev.entries !== progress.entries || prev.breaks !== progress.breaks || progress.done;
    const now = Date.now();
    if (changed && (progress.done || now - seen.current.refreshedAt >= REFRESH_MS)) {
      seen.current.refreshedAt = now;
      void qc.invalidateQueries({ predicate: isRowsOrTotal(sessionId) });
    }
  }, [progress, qc, sessionId]);

  return query;
}
