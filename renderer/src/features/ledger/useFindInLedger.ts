// "Find in ledger": shows the Ledger screen on the live ledger, filtered by a text such as a
// request's decision_id. Null when that cannot be done here (no shell, or no live ledger).
import { useCallback } from 'react';
import { useLedgerSession } from './ledger-session';
import { useAppInfo } from '../../api/useAppInfo';
import { useOpenLedger } from './useOpenLedger';
import { useShowScreen } from '../../ui/screen-nav';

export function useFindInLedger(): ((text: string) => void) | null {
  const show = useShowScreen();
  const app = useAppInfo();
  const { session, setPendingSearch } = useLedgerSession();
  const { mutate: open } = useOpenLedger();
  const live = app.data?.liveLedgerPath ?? null;
  const find = useCallback(
    (text: string) => {
      setPendingSearch(text);
      if (session === null || session.readOnly) open({ kind: 'live' });
      show?.('ledger');
    },
    [session, setPendingSearch, open, show],
  );
  return show !== null && live !== null ? find : null;
}
