// Opening and closing ledger sessions. Opening a new one closes the previous one and drops its
// cached pages.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LedgerSessionInfo } from '../../../../shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { useLedgerSession } from './ledger-session';
import { queryKeys } from '../../api/query-keys';

type OpenRequest = { kind: 'live' } | { kind: 'audit'; path: string };

export function useOpenLedger() {
  const api = useApi();
  const qc = useQueryClient();
  const { session, setSession } = useLedgerSession();
  return useMutation({
    mutationFn: (req: OpenRequest): Promise<LedgerSessionInfo> =>
      req.kind === 'live'
        ? api.invoke('ledger:openLive', {})
        : api.invoke('ledger:openAudit', { path: req.path }),
    onSuccess: (opened) => {
      if (session && session.sessionId !== opened.sessionId) {
        void api.invoke('ledger:close', { sessionId: session.sessionId }).catch(() => undefined);
        qc.removeQueries({ queryKey: queryKeys.ledger(session.sessionId) });
      }
      setSession(opened);
    },
  });
}

export function useCloseLedger() {
  const api = useApi();
  const qc = useQueryClient();
  const { session, setSession } = useLedgerSession();
  return useMutation({
    mutationFn: async () => {
      if (session) await api.invoke('ledger:close', { sessionId: session.sessionId });
    },
    onSettled: () => {
      if (session) qc.removeQueries({ queryKey: queryKeys.ledger(session.sessionId) });
      setSession(null);
    },
  });
}
