// The transparency-log proofs of a session, for the entry pane and the exports: the keys the
// auditor gave for checkpoint notes (kept in the query cache per session, like the signature
// check, so they survive leaving the screen), which checkpoint includes an entry, and the
// evidence and receipt downloads.
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { downloadText } from '../../lib/download';

export interface NoteKeys {
  /** The log's vkey (or a file holding it, or the writer's PEM public key file). */
  vkey: string;
  witnesses: string[];
}

const proofKeys = {
  noteKeys: (sessionId: string) => [...queryKeys.ledger(sessionId), 'note-keys'] as const,
  inclusion: (sessionId: string, index: number, keys: NoteKeys | null) =>
    [
      ...queryKeys.ledger(sessionId),
      'inclusion',
      index,
      keys?.vkey ?? '',
      ...(keys?.witnesses ?? []),
    ] as const,
};

/** The note keys given for this session (null: none yet), and how to set them. */
export function useNoteKeys(sessionId: string) {
  const qc = useQueryClient();
  const keys = useQuery<NoteKeys>({
    queryKey: proofKeys.noteKeys(sessionId),
    queryFn: skipToken,
    staleTime: Infinity,
  });
  return {
    keys: keys.data ?? null,
    setKeys: (next: NoteKeys | null) => {
      if (next === null) qc.removeQueries({ queryKey: proofKeys.noteKeys(sessionId), exact: true });
      else qc.setQueryData(proofKeys.noteKeys(sessionId), next);
    },
  };
}

export function useEntryInclusion(sessionId: string, index: number, keys: NoteKeys | null) {
  const api = useApi();
  return useQuery({
    queryKey: proofKeys.inclusion(sessionId, index, keys),
    queryFn:
      keys === null
        ? skipToken
        : () =>
            api.invoke('ledger:inclusion', {
              sessionId,
              index,
              vkey: keys.vkey,
              ...(keys.witnesses.length > 0 ? { witnesses: keys.witnesses } : {}),
            }),
    retry: false,
  });
}

export function useEvidenceExport(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (index: number) => api.invoke('ledger:evidence', { sessionId, index }),
    onSuccess: (file) => downloadText(file.fileName, file.content, file.mime),
  });
}

export function useSignedReceipt(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (req: { auditorKeyPath: string; keys: NoteKeys | null }) =>
      api.invoke('ledger:receipt', {
        sessionId,
        auditorKeyPath: req.auditorKeyPath,
        ...(req.keys
          ? {
              vkey: req.keys.vkey,
              ...(req.keys.witnesses.length > 0 ? { witnesses: req.keys.witnesses } : {}),
            }
          : {}),
      }),
    onSuccess: (file) => downloadText(file.fileName, file.content, file.mime),
  });
}
