// Checks the signed checkpoints (and pins) of a ledger session. The breaks they find join the
// session's own, so every cached row, total, entry and the progress count are refetched; the
// result is kept in the query cache so it survives leaving the screen.
import { skipToken, useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import type { AnchorStatus } from '../../../../shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export interface AnchorRequest {
  /** Absent: the live ledger's own key (the server refuses that for an audit). */
  publicKeyPath?: string;
  pins?: string[];
}

export interface AnchorCheck {
  status: AnchorStatus;
  /** What was asked (the form shows it again when the screen comes back). */
  request: AnchorRequest;
  /** When the answer came (epoch ms): a live ledger has grown since. */
  checkedAt: number;
}

function isSessionData(sessionId: string) {
  return (q: Query) =>
    q.queryKey[0] === 'ledger' && q.queryKey[1] === sessionId && q.queryKey[2] !== 'anchors';
}

export function useLedgerAnchors(sessionId: string) {
  const api = useApi();
  const qc = useQueryClient();
  const last = useQuery<AnchorCheck>({
    queryKey: queryKeys.ledgerAnchors(sessionId),
    queryFn: skipToken,
    staleTime: Infinity,
  });
  const check = useMutation({
    mutationFn: async (req: AnchorRequest): Promise<AnchorCheck> => {
      const status = await api.invoke('ledger:anchors', {
        sessionId,
        ...(req.publicKeyPath ? { publicKeyPath: req.publicKeyPath } : {}),
        ...(req.pins && req.pins.length > 0 ? { pins: req.pins } : {}),
      });
      return { status, request: req, checkedAt: Date.now() };
    },
    onSuccess: (result) => {
      const before = qc.getQueryData<AnchorCheck>(queryKeys.ledgerAnchors(sessionId));
      qc.setQueryData(queryKeys.ledgerAnchors(sessionId), result);
      // Nothing found now nor before: the session's breaks did not change, nothing to refetch.
      if ((before?.status.breaks.length ?? 0) === 0 && result.status.breaks.length === 0) return;
      void qc.invalidateQueries({ predicate: isSessionData(sessionId) });
    },
  });
  return { last: last.data ?? null, check };
}
