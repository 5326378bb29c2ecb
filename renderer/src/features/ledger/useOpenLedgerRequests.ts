// Main asks to open a ledger for audit (File ▸ Open Ledger, Open Recent, a second instance, a
// path on the command line): open it and show the Ledger screen.
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import { useAppInfo } from '../../api/useAppInfo';
import { useOpenLedger } from './useOpenLedger';

export function useOpenLedgerRequests(showLedger: () => void): void {
  const api = useApi();
  const open = useOpenLedger();
  const app = useAppInfo();
  const openRef = useRef(open.mutate);
  openRef.current = open.mutate;
  const showRef = useRef(showLedger);
  showRef.current = showLedger;
  const startPath = app.data?.auditLedgerPath ?? null;
  const openedAtStart = useRef(false);

  useEffect(
    () =>
      api.on('app:openLedger', ({ path }) => {
        showRef.current();
        openRef.current({ kind: 'audit', path });
      }),
    [api],
  );

  useEffect(() => {
    if (startPath === null || openedAtStart.current) return;
    openedAtStart.current = true;
    showRef.current();
    openRef.current({ kind: 'audit', path: startPath });
  }, [startPath]);
}
