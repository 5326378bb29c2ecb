// The ledger session the Ledger screen shows (live ledger or an audit file), and a text search
// another screen asked it to run (a request's decision_id). Held above the screens so switching
// tabs keeps them.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LedgerSessionInfo } from '../../../../shared/ipc/contract';

interface LedgerSessionState {
  session: LedgerSessionInfo | null;
  setSession: (session: LedgerSessionInfo | null) => void;
  /** Text the ledger view is to filter by when it next shows; null when none is asked for. */
  pendingSearch: string | null;
  setPendingSearch: (text: string | null) => void;
}

const LedgerSessionContext = createContext<LedgerSessionState | null>(null);

export function LedgerSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<LedgerSessionInfo | null>(null);
  const [pendingSearch, setPendingSearch] = useState<string | null>(null);
  const value = useMemo(
    () => ({ session, setSession, pendingSearch, setPendingSearch }),
    [session, pendingSearch],
  );
  return <LedgerSessionContext.Provider value={value}>{children}</LedgerSessionContext.Provider>;
}

export function useLedgerSession(): LedgerSessionState {
  const state = useContext(LedgerSessionContext);
  if (!state) throw new Error('useLedgerSession needs a <LedgerSessionProvider> above it');
  return state;
}
