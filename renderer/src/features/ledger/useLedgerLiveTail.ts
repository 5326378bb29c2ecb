// Keeps a live-ledger session current as PENIN appends: on ledger:appended the totals and the
// incomplete tail pages are refetched, at most twice a second. Audit sessions never change.
import { useEffect } from 'react';
import { useQueryClient, type Query } from '@tanstack/react-query';
import type { LedgerRow, LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { throttle } from '../../lib/throttle';
import { PAGE_SIZE } from './useLedgerRows';

const THROTTLE_MS = 500;

function isTail(sessionId: string) {
  return (q: Query) => {
    const [root, sid, kind] = q.queryKey;
    if (root !== 'ledger' || sid !== sessionId) return false;
    if (kind === 'total') return true;
    if (kind !== 'rows') return false;
    const rows = q.state.data as LedgerRow[] | undefined;
    return rows === undefined || rows.length < PAGE_SIZE;
  };
}

export function useLedgerLiveTail(session: LedgerSessionInfo | null): void {
  const api = useApi();
  const qc = useQueryClient();
  const live = session !== null && !session.readOnly;
  const sessionId = session?.sessionId ?? '';

  useEffect(() => {
    if (!live) return;
    const refresh = () => void qc.invalidateQueries({ predicate: isTail(sessionId) });
    refresh(); // appends may have happened while this screen was not shown
    const throttled = throttle(refresh, THROTTLE_MS);
    const off = api.on('ledger:appended', () => throttled.call());
    return () => {
      off();
      throttled.cancel();
    };
  }, [api, qc, live, sessionId]);
}
