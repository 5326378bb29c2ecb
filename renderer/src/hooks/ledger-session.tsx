// The ledger session the Ledger screen shows (live ledger or an audit file). Held above the
// screens so switching tabs keeps it open.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LedgerSessionInfo } from '../../../shared/contract';

interface LedgerSessionState {
  session: LedgerSessionInfo | null;
  setSession: (session: LedgerSessionInfo | null) => void;
}

const LedgerSessionContext = createContext<LedgerSessionState | null>(null);

export function LedgerSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<LedgerSessionInfo | null>(null);
  const value = useMemo(() => ({ session, setSession }), [session]);
  return <LedgerSessionContext.Provider value={value}>{children}</LedgerSessionContext.Provider>;
}

export function useLedgerSession(): LedgerSessionState {
  const state = useContext(LedgerSessionContext);
  if (!state) throw new Error('useLedgerSession needs a <LedgerSessionProvider> above it');
  return state;
}
